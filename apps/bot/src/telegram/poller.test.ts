import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createLogger } from '../logging/logger.js'
import { ALLOWED_UPDATES } from './allowed-updates.js'
import { PollingRefusedError, TelegramTimeoutError } from './errors.js'
import { NEWCOMER_WINDOW_MS, PROBATION_MS } from './poll-conflict.js'
import { type PolledUpdate, Poller, type PollerOptions } from './poller.js'
import { networkError, telegramError } from './testing/fake-call-api.js'

beforeEach(() => {
  vi.useFakeTimers()
})
afterEach(() => {
  vi.useRealTimers()
})

type Immediate = PolledUpdate[] | Error
/** An answer now, one after a while (a held poll that ends), or none until aborted. */
type Answer = Immediate | { afterMs: number; answer: Immediate } | 'hold'
const CONFLICT = () =>
  telegramError(
    409,
    'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running',
  )

/** An outbox whose getUpdates answers come from a script (default: hold until aborted). */
function setup(
  script: Answer[],
  handle: (u: PolledUpdate) => Promise<unknown> = async () => {},
  extra: Partial<PollerOptions> = {},
) {
  const recovered = new Set<() => void>()
  const polls: { payload: Record<string, unknown>; at: number }[] = []
  const t0 = Date.now()
  const outbox = {
    call: (
      _method: string,
      payload: Record<string, unknown>,
      options: { signal?: AbortSignal },
    ) => {
      polls.push({ payload, at: Date.now() - t0 })
      const answer = script.shift() ?? 'hold'
      return new Promise((resolve, reject) => {
        const give = (a: Immediate) => (a instanceof Error ? reject(a) : resolve(a))
        if (answer === 'hold') {
          options.signal?.addEventListener('abort', () =>
            reject(Object.assign(new Error('aborted'), { name: 'AbortError' })),
          )
        } else if ('afterMs' in answer) setTimeout(() => give(answer.answer), answer.afterMs)
        else give(answer)
      })
    },
    onNetworkRecovered: (listener: () => void) => {
      recovered.add(listener)
      return () => recovered.delete(listener)
    },
  }
  const networkRecovered = () => {
    for (const listener of recovered) listener()
  }
  const handled: number[] = []
  const poller = new Poller({
    outbox: outbox as never,
    logger: createLogger({ level: 'silent', secrets: [] }),
    handleUpdate: async (update) => {
      await handle(update)
      handled.push(update.update_id)
    },
    ...extra,
  })
  const run = poller.run().then(
    () => 'stopped' as const,
    (error: unknown) => error,
  )
  return { polls, handled, poller, run, networkRecovered }
}
const updates = (...ids: number[]) => ids.map((update_id) => ({ update_id }))

describe('Poller', () => {
  it('renews a held poll at once when the network answers again after a failure', async () => {
    const { polls, handled, poller, networkRecovered } = setup(['hold', updates(5)])
    await vi.advanceTimersByTimeAsync(PROBATION_MS + 100)
    expect(polls).toHaveLength(1)
    networkRecovered() // e.g. a send's getMe probe got through: the held poll may be on a dead socket
    await vi.advanceTimersByTimeAsync(PROBATION_MS + 100)
    expect(polls.length).toBeGreaterThanOrEqual(2)
    expect(polls[1]?.at).toBeLessThan(PROBATION_MS + 200) // no backoff before the new poll
    expect(handled).toContain(5)
    await poller.stop()
  })

  it('confirms a batch (next offset) only after all its handlers resolved', async () => {
    let release: () => void = () => undefined
    const gate = new Promise<void>((resolve) => {
      release = resolve
    })
    const { polls, handled, poller } = setup([updates(7, 8), updates(7, 8)], (u) =>
      u.update_id === 8 ? gate : Promise.resolve(),
    )
    await vi.advanceTimersByTimeAsync(PROBATION_MS + 100)
    expect(handled).toEqual([7])
    expect(polls).toHaveLength(2) // still handling 8: no new poll, so 7 and 8 are not confirmed
    release()
    await vi.advanceTimersByTimeAsync(10)
    expect(handled).toEqual([7, 8])
    expect(polls[2]?.payload).toEqual({
      offset: 9,
      timeout: 25,
      allowed_updates: ALLOWED_UPDATES,
    })
    await poller.stop()
    expect(polls).toHaveLength(3) // offset 9 was already sent: nothing to sync
  })

  it('stops: ends the held poll, lets handlers finish, and confirms what they handled', async () => {
    let release: () => void = () => undefined
    const gate = new Promise<void>((resolve) => {
      release = resolve
    })
    const { polls, handled, poller, run } = setup([updates(3), updates(3), []], () => gate)
    await vi.advanceTimersByTimeAsync(PROBATION_MS + 100)
    const stopped = poller.stop()
    await vi.advanceTimersByTimeAsync(100)
    expect(handled).toEqual([]) // still waiting for the handler
    release()
    await stopped
    expect(await run).toBe('stopped')
    expect(handled).toEqual([3])
    expect(polls.at(-1)?.payload).toEqual({ offset: 4, limit: 1, timeout: 0 })
  })

  it('backs off on network failures and timeouts, then carries on', async () => {
    const { polls, handled } = setup([
      networkError('ECONNREFUSED'),
      networkError('ECONNREFUSED'),
      new TelegramTimeoutError('getUpdates', 35_000),
      telegramError(502, 'Bad Gateway'),
      updates(1),
    ])
    await vi.advanceTimersByTimeAsync(20_000)
    expect(polls.slice(0, 5).map((p) => p.at)).toEqual([0, 500, 1_500, 3_500, 7_500])
    expect(handled).toEqual([1])
  })

  it('the bot that was running keeps polling after a 409 (another bot started)', async () => {
    // Our first poll is held past the newcomer window, then another bot's polls end ours twice.
    const { polls, handled } = setup([
      { afterMs: NEWCOMER_WINDOW_MS + 1_000, answer: CONFLICT() },
      CONFLICT(),
      updates(1),
    ])
    await vi.advanceTimersByTimeAsync(NEWCOMER_WINDOW_MS + 2_000)
    expect(polls.map((p) => p.at)).toEqual([0, 11_250, 11_500, 11_500])
    expect(handled).toEqual([1])
  })

  it('a bot that gets a 409 in its first seconds is the newcomer: it stops', async () => {
    const { run } = setup([CONFLICT()])
    await vi.advanceTimersByTimeAsync(10)
    const error = await run
    expect(error).toBeInstanceOf(PollingRefusedError)
    expect(error).toMatchObject({ reason: 'conflict' })
  })

  it('a newcomer whose first batch another bot took meanwhile stops without handling it', async () => {
    const { handled, run, polls } = setup([updates(5, 6), updates(7)])
    await vi.advanceTimersByTimeAsync(PROBATION_MS + 100)
    expect(await run).toMatchObject({ reason: 'conflict' })
    expect(handled).toEqual([])
    expect(polls[1]?.payload.offset).toBe(0) // asked again without confirming anything
  })

  it('after probation, a batch nobody else took is handled (a restart with messages waiting)', async () => {
    const { handled, polls } = setup([updates(5, 6), updates(5, 6, 7)])
    await vi.advanceTimersByTimeAsync(PROBATION_MS - 100)
    expect(handled).toEqual([])
    await vi.advanceTimersByTimeAsync(200)
    expect(handled).toEqual([5, 6, 7])
    expect(polls[1]?.at).toBe(PROBATION_MS)
  })

  it.each([
    ['webhook', "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook"],
    ['token', 'Unauthorized'],
  ])('ends polling on a %s refusal', async (reason, description) => {
    const code = reason === 'token' ? 401 : 409
    const { run } = setup([[], telegramError(code, description)])
    await vi.advanceTimersByTimeAsync(NEWCOMER_WINDOW_MS + 1_000)
    expect(await run).toMatchObject({ name: 'PollingRefusedError', reason })
  })
})

describe('Poller offset on disk', () => {
  it('starts from the saved offset and saves a handled batch before confirming it', async () => {
    const events: string[] = []
    // Twice: a first batch is asked for again after the probation (poll-conflict.ts).
    const { polls, poller, run } = setup(
      [updates(40, 41), updates(40, 41)],
      async (update) => events.push(`handle ${update.update_id}`),
      // Saved before the poll that confirms it goes out (the third one).
      { offset: 40, saveOffset: async (o) => void events.push(`save ${o} after ${polls.length}`) },
    )
    await vi.advanceTimersByTimeAsync(PROBATION_MS + 100)
    await poller.stop()
    await run
    expect(polls.map((p) => p.payload.offset)).toEqual([40, 40, 42])
    expect(events).toEqual(['handle 40', 'handle 41', 'save 42 after 2'])
  })
})
