import type { Turn, TurnState } from '@switchboard/process'
import { expect, test } from 'vitest'
import type { InboxEntry } from './inbox-entry.js'
import { PoolHandover } from './pool-handover.js'
import { resultEvent } from './testing/fakes.js'

/** A turn whose result comes when `finish()` is called; its state is set by the test. */
function controlledTurn() {
  let finish!: () => void
  const gate = new Promise<void>((resolve) => {
    finish = resolve
  })
  const turn = {
    state: 'queued' as TurnState,
    id: 't',
    prompt: 'p',
    done: gate.then(() => resultEvent({ text: 'ok' })),
    async *[Symbol.asyncIterator]() {
      await gate
      yield resultEvent({ text: 'ok' })
    },
  }
  return { turn: turn as Turn & { state: TurnState }, finish }
}

const entry = (id: string) => ({ id }) as InboxEntry
const tick = () => new Promise((resolve) => setTimeout(resolve, 5))

test('a message is marked running before the pool gets it; one behind another when that one reports its result', async () => {
  const marked: string[] = []
  const handover = new PoolHandover(
    {
      started: async (e) => {
        if (!marked.includes(e.id)) marked.push(e.id) // as Inbox.started: queued → running once
      },
    },
    () => false,
  )
  const first = controlledTurn()
  const second = controlledTurn()
  const sent: string[] = []
  await handover.send('s', entry('one'), () => {
    sent.push(`sent one (marked: ${marked.join()})`)
    return first.turn
  })
  await handover.send('s', entry('two'), () => second.turn)
  await tick()
  expect(sent).toEqual(['sent one (marked: one)'])
  expect(marked).toEqual(['one']) // "two" waits in the pool: a restart now runs it late
  first.finish()
  await tick()
  expect(marked).toEqual(['one', 'two'])
})

test('while shutting down, a message behind the running one stays queued (the pool fails it)', async () => {
  const marked: string[] = []
  const handover = new PoolHandover(
    {
      started: async (e) => {
        marked.push(e.id)
      },
    },
    () => true,
  )
  const first = controlledTurn()
  const second = controlledTurn()
  await handover.send('s', entry('one'), () => first.turn)
  await handover.send('s', entry('two'), () => second.turn)
  second.turn.state = 'failed' // PoolShutdownError, set by the pool before the first one settles
  first.finish()
  await tick()
  expect(marked).toEqual(['one'])
})
