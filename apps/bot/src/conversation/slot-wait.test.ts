import type { Turn, TurnEvent, TurnState } from '@switchboard/process'
import { expect, test } from 'vitest'
import type { CallbackAction } from '../callbacks/callback-actions.js'
import { CallbackStore } from '../callbacks/callback-store.js'
import { AuditLog } from '../permissions/audit-log.js'
import { poolSlotWait } from './slot-wait.js'
import {
  eventually,
  fakeSessions,
  makeOutbox,
  resultEvent,
  sessionMeta,
  silentLogger,
} from './testing/fakes.js'
import { runTurn } from './turn-runner.js'

function gate() {
  let open!: () => void
  const promise = new Promise<void>((resolve) => {
    open = resolve
  })
  return { promise, open }
}

/** A turn the pool keeps `queued` until `start` opens, whose events come once `answer` opens. */
function slowStartingTurn(events: TurnEvent[]) {
  const start = gate()
  const answer = gate()
  let state: TurnState = 'queued'
  void start.promise.then(() => {
    state = 'running'
  })
  const turn: Turn = {
    id: 't',
    prompt: 'p',
    get state() {
      return state
    },
    done: answer.promise.then(() => resultEvent() as never),
    async *[Symbol.asyncIterator]() {
      await start.promise
      await answer.promise
      yield* events
      state = 'completed'
    },
  }
  return { turn, start, answer }
}

test('a turn waiting for a Claude Code slot says so, then shows the normal live view once it runs', async () => {
  const { api, outbox } = makeOutbox()
  const { turn, start, answer } = slowStartingTurn([resultEvent({ text: 'the answer' })])
  // The pool as it is when every slot is busy: no process for the session, one turn waiting.
  const status = { live: false, queueLength: 1 }
  const pool = { status: () => ({ ...status }) as never }
  const outcome = runTurn(
    {
      outbox,
      sessions: fakeSessions([sessionMeta()]),
      callbacks: new CallbackStore<CallbackAction>(),
      audit: new AuditLog({ sessionDirectory: () => '/nonexistent', logger: silentLogger }),
      logger: silentLogger,
      mode: 'edit',
      claudePath: 'claude',
      progressDelayMs: 20,
      liveIntervalMs: 0,
      isClosing: () => false,
      slotWait: poolSlotWait(pool, 2),
    },
    {
      ref: { owner: '42', id: 's-main' },
      userId: 42,
      chatId: 42,
      sessionName: 'main',
      cwd: '/work/space',
      turn,
    },
  )
  const texts = () =>
    api.calls.filter((c) => c.method !== 'sendChatAction').map((c) => String(c.payload.text ?? ''))
  await eventually(() => texts().length > 0)
  expect(texts()[0]).toContain('⏳ Waiting for a free Claude Code slot (2 sessions busy)…')
  expect(texts()[0]).not.toContain('working')

  status.live = true
  start.open()
  await eventually(() => texts().at(-1)?.includes('working…'))
  expect(texts().at(-1)).not.toContain('Waiting')
  answer.open()
  expect(await outcome).toBe('told')
  expect(texts().at(-1)).toBe('the answer')
})

test('the probe only reports a wait when the session has no process but has turns', () => {
  const probe = (live: boolean, queueLength: number) =>
    poolSlotWait({ status: () => ({ live, queueLength }) as never }, 1)({ owner: '1', id: 's' })
  expect(probe(false, 1)).toBe('⏳ Waiting for a free Claude Code slot (1 session busy)…')
  expect(probe(true, 1)).toBeUndefined()
  expect(probe(false, 0)).toBeUndefined()
})
