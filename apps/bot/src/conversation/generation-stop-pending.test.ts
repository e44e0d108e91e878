import { type Context, Context as TelegrafContext } from 'telegraf'
import type { Update } from 'telegraf/types'
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest'
import { DraftRegistry } from './draft-registry.js'
import { generationStopHandler, PENDING_STOP_POLL_MS } from './generation-stop.js'

beforeEach(() => {
  vi.useFakeTimers()
})
afterEach(() => {
  vi.useRealTimers()
})

function contextOf(draftId: number): Context {
  const update = {
    update_id: 1,
    stopped_message_generation: { chat: { id: 5, type: 'private' }, draft_id: draftId },
  }
  const telegram = new Proxy({}, { get: () => expect.fail('ctx.telegram bypasses the outbox') })
  return new TelegrafContext(update as unknown as Update, telegram as never, {} as never)
}

/** A pool whose turn does not run for the first `notYet` stops (it waits for a slot). */
function setup(notYet: number) {
  const stops: unknown[] = []
  const silent = () => {}
  const logger = { info: silent, warn: silent, error: silent }
  const pool = {
    stop: async (_ref: unknown, options: unknown) => {
      stops.push(options)
      return stops.length > notYet ? 'interrupted' : 'none'
    },
  }
  const drafts = new DraftRegistry()
  const handler = generationStopHandler({ pool, logger } as never, drafts)
  const ref = { owner: '5', id: 's-main' }
  const unregister = drafts.register(5, 77, { ref, turnId: 't1', halt: () => {} })
  const press = () => handler(contextOf(77), async () => expect.fail('must not go on'))
  return { stops, press, unregister }
}

describe('Stop pressed on the draft of a turn that does not run yet', () => {
  test('stops it as soon as it runs (a slot freed, its CLI started)', async () => {
    const s = setup(2)
    await s.press()
    await vi.advanceTimersByTimeAsync(PENDING_STOP_POLL_MS * 5)
    expect(s.stops).toEqual([{ turnId: 't1' }, { turnId: 't1' }, { turnId: 't1' }])
  })

  test('gives up when the turn ended meanwhile (its draft is no longer registered)', async () => {
    const s = setup(Number.POSITIVE_INFINITY)
    await s.press()
    await vi.advanceTimersByTimeAsync(PENDING_STOP_POLL_MS * 2)
    s.unregister()
    const tried = s.stops.length
    await vi.advanceTimersByTimeAsync(PENDING_STOP_POLL_MS * 10)
    expect(s.stops.length).toBeLessThanOrEqual(tried + 1)
  })

  test('pressing Stop again while it waits does not start a second wait', async () => {
    const s = setup(Number.POSITIVE_INFINITY)
    await s.press()
    await s.press()
    await s.press()
    await vi.advanceTimersByTimeAsync(PENDING_STOP_POLL_MS * 4 + 10)
    expect(s.stops).toHaveLength(5)
    s.unregister()
  })
})
