import { expect, test, vi } from 'vitest'
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
  return { deps: { pool, outbox, logger } as unknown as BotDeps, pool, outbox, logger }
}

const ctx = { callbackQuery: { id: 'q1', from: { id: 7 } } } as never

test('Stop on a turn that is still starting: "Stopping…", and the turn is stopped once it runs', async () => {
  const { deps, pool, outbox } = fakeDeps(2)
  await stopTurnCallback(deps)(ctx, { type: 'stop_turn', sessionId: 's1', turnId: 't1' })
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
  await stopTurnCallback(deps)(ctx, { type: 'stop_turn', sessionId: 's1', turnId: 't1' })
  expect(outbox.call).toHaveBeenCalledWith(
    'answerCallbackQuery',
    expect.objectContaining({ text: 'That turn has already ended.' }),
  )
  expect(pool.stop).not.toHaveBeenCalled()
})
