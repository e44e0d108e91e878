import { expect, test, vi } from 'vitest'
import type { CallbackAction } from '../callbacks/callback-actions.js'
import { callbackRouter, EXPIRED_TEXT } from '../callbacks/callback-router.js'
import { CallbackStore } from '../callbacks/callback-store.js'
import type { BotDeps } from '../deps.js'
import { stopTurnCallback } from './stop.js'

/** A pool whose session starts its turn after `startsAfter` status calls. */
function fakeDeps(startsAfter: number) {
  let calls = 0
  const running = () => calls > startsAfter
  const pool = {
    status: vi.fn(() => {
      calls += 1
      return { running: running(), queueLength: running() ? 0 : 1 }
    }),
    stop: vi.fn(async () => (running() ? 'interrupted' : 'none')),
  }
  const outbox = { call: vi.fn(async () => ({})) }
  const logger = { info: vi.fn(), error: vi.fn(), debug: vi.fn(), warn: vi.fn() }
  const callbacks = new CallbackStore<CallbackAction>()
  const deps = { pool, outbox, logger, callbacks } as unknown as BotDeps
  return { deps, pool, outbox, logger, callbacks }
}

const ctx = { callbackQuery: { id: 'q1', from: { id: 7 } } } as never

test('Stop on a turn that is still starting: "Stopping…", and the turn is stopped once it runs', async () => {
  const { deps, pool, outbox } = fakeDeps(2)
  await stopTurnCallback(deps)(ctx, { type: 'stop_turn', sessionId: 's1', turnId: 't1' }, 'g')
  expect(outbox.call).toHaveBeenCalledWith(
    'answerCallbackQuery',
    expect.objectContaining({ text: 'Stopping…' }),
  )
  await vi.waitFor(() => expect(pool.stop).toHaveLastResolvedWith('interrupted'), {
    timeout: 3_000,
  })
  expect(pool.stop).toHaveBeenCalledWith({ owner: '7', id: 's1' }, { turnId: 't1' })
})

test('Stop on a turn that ended: says so, stops nothing', async () => {
  const { deps, pool, outbox } = fakeDeps(0)
  pool.status.mockReturnValue({ running: false, queueLength: 0 })
  await stopTurnCallback(deps)(ctx, { type: 'stop_turn', sessionId: 's1', turnId: 't1' }, 'g')
  expect(outbox.call).toHaveBeenCalledWith(
    'answerCallbackQuery',
    expect.objectContaining({ text: 'That turn has already ended.' }),
  )
  expect(pool.stop).not.toHaveBeenCalled()
})

test('a second press while the turn is stopping: "Already stopping…", no second stop; expired once the turn ends', async () => {
  const { deps, pool, outbox, callbacks } = fakeDeps(0)
  const router = callbackRouter(deps, { stop_turn: stopTurnCallback(deps) } as never)
  const action: CallbackAction = { type: 'stop_turn', sessionId: 's1', turnId: 't1' }
  const { group, data } = callbacks.create(7, [action], 60_000)
  const press = (id: string) =>
    router({ callbackQuery: { id, from: { id: 7 }, data: data[0] } } as never, async () => {})
  const answered = () => outbox.call.mock.calls.map((call) => (call as unknown[])[1])

  await press('q1')
  await press('q2')
  expect(answered()).toEqual([
    { callback_query_id: 'q1', text: 'Stopping…' },
    { callback_query_id: 'q2', text: 'Already stopping…' },
  ])
  expect(pool.stop).toHaveBeenCalledTimes(1)

  callbacks.expire(group) // the turn ended: its owner expires the button
  await press('q3')
  expect(answered()[2]).toEqual({ callback_query_id: 'q3', text: EXPIRED_TEXT })
})
