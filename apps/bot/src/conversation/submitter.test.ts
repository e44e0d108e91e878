import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Turn, TurnEvent } from '@switchboard/process'
import { afterEach, beforeEach, expect, test } from 'vitest'
import type { CallbackAction } from '../callbacks/callback-actions.js'
import { CallbackStore } from '../callbacks/callback-store.js'
import { AuditLog } from '../permissions/audit-log.js'
import { Inbox } from './inbox.js'
import type { InboxEntry } from './inbox-entry.js'
import { InboxStore } from './inbox-store.js'
import { Submitter } from './submitter.js'
import {
  eventually,
  fakeSessions,
  makeOutbox,
  resultEvent,
  scriptedTurn,
  sessionMeta,
  silentLogger,
} from './testing/fakes.js'

const USER = 42
let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'submitter-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

/** An InboxStore whose removals wait for `release()` (a slow disk, or a crash in between). */
class SlowRemoveStore extends InboxStore {
  private open!: () => void
  private readonly gate = new Promise<void>((resolve) => {
    this.open = resolve
  })
  release(): void {
    this.open()
  }
  override async remove(entry: Pick<InboxEntry, 'id' | 'owner' | 'sessionId'>): Promise<void> {
    await this.gate
    await super.remove(entry)
  }
}

function setup(turns: Turn[], maxQueue?: number) {
  const { api, outbox } = makeOutbox()
  const store = new SlowRemoveStore({ sessionDirectory: () => dir, logger: silentLogger })
  const inbox = new Inbox({ store, logger: silentLogger })
  const submitter = new Submitter({
    pool: {
      send: () => {
        const turn = turns.shift()
        if (!turn) throw new Error('no more scripted turns')
        return turn
      },
    },
    outbox,
    inbox,
    logger: silentLogger,
    maxQueue,
    runner: {
      outbox,
      sessions: fakeSessions([sessionMeta()]),
      callbacks: new CallbackStore<CallbackAction>(),
      audit: new AuditLog({ sessionDirectory: () => dir, logger: silentLogger }),
      logger: silentLogger,
      mode: 'edit',
      claudePath: 'claude',
      progressDelayMs: 10_000,
      isClosing: () => false,
    },
  })
  const texts = () => api.calls.filter((c) => c.payload.text).map((c) => String(c.payload.text))
  const submit = (text: string) =>
    submitter.accept({ userId: USER, chatId: USER, session: sessionMeta(), prompt: text })
  const onDisk = async () => {
    const entries = await store.list(String(USER), 's-main')
    return entries.map((e) => e.prompt)
  }
  return { submitter, submit, store, onDisk, texts, api, turns }
}

const answer = (text: string): TurnEvent[] => [resultEvent({ text })]

test('a message sent right after an answer is out is not "Queued", though the record is still being cleared', async () => {
  const s = setup([scriptedTurn(answer('first')), scriptedTurn(answer('second'))])
  await s.submit('one')
  await eventually(() => s.texts().includes('first'))
  // The answer is visible; its inbox entry is still on disk (a crash now → cut off, Run again).
  expect(await s.onDisk()).toEqual(['one'])

  await s.submit('two')
  await eventually(() => s.texts().includes('second'))
  expect(s.texts().filter((t) => t.startsWith('Queued'))).toEqual([])
  s.store.release()
  await Promise.all([...s.submitter.pending])
  await s.store.idle()
  expect(await readdir(join(dir, 'inbox'))).toEqual([])
})

test('a message sent while an answer is still being written is queued behind it', async () => {
  let unblock!: () => void
  const gate = new Promise<void>((resolve) => {
    unblock = resolve
  })
  const s = setup([scriptedTurn(answer('first'), undefined, gate), scriptedTurn(answer('second'))])
  s.store.release()
  await s.submit('one')
  await s.submit('two')
  await eventually(() => s.texts().some((t) => t.startsWith('Queued')))
  unblock()
  await eventually(() => s.texts().includes('second'))
  const texts = s.texts()
  expect(texts).toEqual([
    'Queued: 1 message waiting — it runs after the current answer.',
    'first',
    'second',
  ])
  // Once nothing waits, the notice goes away.
  await eventually(() => s.api.callsOf('deleteMessage').length === 1)
})

test('past the queue limit: one refusal for the burst, nothing recorded or queued; notices are edited in place', async () => {
  let unblock!: () => void
  const gate = new Promise<void>((resolve) => {
    unblock = resolve
  })
  const turns = [
    scriptedTurn(answer('first'), undefined, gate),
    ...['a', 'b'].map((t) => scriptedTurn(answer(t))),
  ]
  const s = setup(turns, 2)
  s.store.release()
  await s.submit('one')
  for (let i = 0; i < 10; i++) await s.submit(`more ${i}`)
  await eventually(() => s.turns.length === 0) // the pool got 3 messages: the running one and 2 waiting
  expect(await s.onDisk()).toEqual(['one', 'more 0', 'more 1'])
  // One "Queued" message and one refusal message; their counts change by edits, coalesced.
  await eventually(() => s.texts().some((t) => t.includes('8 messages were refused')))
  expect(s.api.callsOf('sendMessage').map((c) => c.payload.text)).toEqual([
    'Queued: 1 message waiting — it runs after the current answer.',
    'Not queued: your message was refused — session main already has 2 messages waiting (the limit). Send it again once an answer is out.',
  ])
  expect(s.api.callsOf('editMessageText').length).toBeLessThanOrEqual(3)
  unblock()
  await eventually(() => s.texts().includes('b'))
  expect(s.texts().filter((t) => t === 'first' || t === 'a' || t === 'b')).toEqual([
    'first',
    'a',
    'b',
  ])
})
