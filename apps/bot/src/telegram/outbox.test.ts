import { describe, expect, it, vi } from 'vitest'
import { isParseError } from './classify-error.js'
import { OutboxClosedError, TelegramError, TelegramNetworkError } from './errors.js'
import type { OutboxOptions } from './outbox.js'
import { networkError, type Responder, telegramError } from './testing/fake-call-api.js'
import { outboxOver, useFakeTimers } from './testing/outbox-setup.js'

useFakeTimers()

function setup(responder?: Responder, options: Partial<OutboxOptions> = {}) {
  const retries: number[] = []
  const { api, outbox, t0 } = outboxOver(responder, {
    onRetry: (e) => retries.push(e.delayMs),
    ...options,
  })
  const at = (i: number) => (api.calls[i]?.at ?? Number.NaN) - t0
  return { api, outbox, retries, at }
}

const settle = async <T>(promise: Promise<T>, ms = 600_000): Promise<T> => {
  const result = promise.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  )
  await vi.advanceTimersByTimeAsync(ms)
  const r = await result
  if (!r.ok) throw r.error
  return r.value
}

describe('Outbox', () => {
  it('keeps per-chat order, never overlaps calls to one chat, and spaces them', async () => {
    const { api, outbox } = setup()
    const sends: Promise<unknown>[] = []
    for (let i = 0; i < 5; i++) {
      sends.push(outbox.call('sendMessage', { chat_id: 1, text: `a${i}` }))
      sends.push(outbox.call('sendMessage', { chat_id: -100, text: `g${i}` }))
    }
    await settle(Promise.all(sends))
    const texts = (chat: number) =>
      api.calls.filter((c) => c.payload.chat_id === chat).map((c) => c.payload.text)
    expect(texts(1)).toEqual(['a0', 'a1', 'a2', 'a3', 'a4'])
    expect(texts(-100)).toEqual(['g0', 'g1', 'g2', 'g3', 'g4'])
    expect(api.maxInFlightPerChat.get('1')).toBe(1)
    expect(api.maxInFlight).toBe(2) // two chats do run side by side
    const gaps = (chat: number) => {
      const times = api.calls.filter((c) => c.payload.chat_id === chat).map((c) => c.at)
      return times.slice(1).map((t, k) => t - (times[k] ?? 0))
    }
    expect(Math.min(...gaps(1))).toBeGreaterThanOrEqual(1000) // private chat
    expect(Math.min(...gaps(-100))).toBeGreaterThanOrEqual(3000) // group: 20 per minute
  })

  it('keeps the spacing for calls that arrive one at a time, after the queue emptied', async () => {
    const { api, outbox } = setup()
    // Each call is answered before the next arrives, 100 ms later (a user waiting for each reply):
    // the queue is empty in between, yet the chat's spacing must hold.
    for (let i = 0; i < 3; i++) {
      const sent = outbox.call('sendMessage', { chat_id: 1, text: `r${i}` })
      await vi.advanceTimersByTimeAsync(i === 0 ? 100 : 1_100)
      await sent
    }
    const times = api.calls.map((c) => c.at)
    expect(times).toHaveLength(3)
    for (let k = 1; k < times.length; k++) {
      expect((times[k] ?? 0) - (times[k - 1] ?? 0)).toBeGreaterThanOrEqual(1000)
    }
  })

  it('on 429 waits retry_after, then retries the same call', async () => {
    const { api, outbox, at, retries } = setup((_call, i) => {
      if (i === 0) throw telegramError(429, 'Too Many Requests: retry after 7', 7)
    })
    const result = await settle(outbox.call('sendMessage', { chat_id: 1, text: 'final answer' }))
    expect(result).toEqual({ message_id: 100 })
    expect(api.calls.map((c) => c.payload.text)).toEqual(['final answer', 'final answer'])
    expect(at(1) - at(0)).toBeGreaterThanOrEqual(7000)
    expect(retries).toEqual([7000])
  })

  it('keeps a critical message through repeated 429s, however long', async () => {
    let n = 0
    const { outbox, api } = setup(() => {
      if (n++ < 5) throw telegramError(429, 'Too Many Requests', 60)
    })
    await expect(
      settle(outbox.call('sendMessage', { chat_id: 1, text: 'x' }), 3_600_000),
    ).resolves.toEqual({ message_id: 100 })
    expect(api.calls).toHaveLength(6)
  })

  it('backs off exponentially on 5xx and network errors, then succeeds', async () => {
    const failures = [
      telegramError(502, 'Bad Gateway'),
      networkError('ECONNRESET'),
      networkError('ETIMEDOUT'),
      new TypeError('fetch failed'),
    ]
    const { outbox, retries } = setup((_c, i) => {
      const failure = failures[i]
      if (failure) throw failure
    })
    await expect(settle(outbox.call('editMessageText', { chat_id: 1, text: 'x' }))).resolves.toBe(
      true,
    )
    expect(retries).toEqual([500, 1000, 2000, 4000])
  })

  it('gives up after the transient retry budget with a typed error', async () => {
    const { outbox, api } = setup(
      () => {
        throw networkError('ECONNREFUSED')
      },
      { maxTransientRetries: 3 },
    )
    // An edit (idempotent) retries on its own; sends wait for a probe (outbox-network.test.ts).
    const error = await settle(
      outbox.call('editMessageText', { chat_id: 1, message_id: 5, text: 'x' }),
    ).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(TelegramNetworkError)
    expect((error as TelegramNetworkError).code).toBe('TELEGRAM_NETWORK_ERROR')
    expect(api.calls).toHaveLength(4)
  })

  it('does not retry other 4xx and surfaces method, error_code and description', async () => {
    const { outbox, api } = setup(() => {
      throw telegramError(400, 'Bad Request: can\'t parse entities: Unsupported start tag "p"')
    })
    const error = await settle(outbox.call('sendMessage', { chat_id: 1, text: '<p>' })).catch(
      (e: unknown) => e,
    )
    expect(error).toBeInstanceOf(TelegramError)
    expect(error).toMatchObject({
      code: 'TELEGRAM_API_ERROR',
      method: 'sendMessage',
      errorCode: 400,
      error_code: 400,
    })
    expect(isParseError(error)).toBe(true)
    expect(api.calls).toHaveLength(1)
  })

  it('supersedes waiting progress edits, never critical messages', async () => {
    const { outbox, api } = setup()
    const key = { lane: 'progress' as const, supersedeKey: 'edit:1:5' }
    const results = [
      outbox.call('sendMessage', { chat_id: 1, text: 'first' }),
      outbox.call('editMessageText', { chat_id: 1, message_id: 5, text: 'p1' }, key),
      outbox.call('editMessageText', { chat_id: 1, message_id: 5, text: 'p2' }, key),
      outbox.call('sendMessage', { chat_id: 1, text: 'prompt' }),
      outbox.call('editMessageText', { chat_id: 1, message_id: 5, text: 'p3' }, key),
      outbox.call('sendMessage', { chat_id: 1, text: 'answer' }),
      outbox.call(
        'editMessageText',
        { chat_id: 1, message_id: 6, text: 'other message' },
        { lane: 'progress', supersedeKey: 'edit:1:6' },
      ),
    ]
    const settled = await settle(Promise.all(results))
    expect(api.calls.map((c) => c.payload.text)).toEqual([
      'first',
      'prompt',
      'p3',
      'answer',
      'other message',
    ])
    expect(settled.slice(1, 3)).toEqual([true, true]) // superseded calls share the newer call's outcome
  })

  it('sends the newest progress state when it arrives during a 429 wait', async () => {
    const { outbox, api } = setup((_c, i) => {
      if (i === 0) throw telegramError(429, 'Too Many Requests', 30)
    })
    const key = { lane: 'progress' as const, supersedeKey: 'draft:1:9' }
    const first = outbox.call('sendMessageDraft', { chat_id: 1, draft_id: 9, text: 'old' }, key)
    await vi.advanceTimersByTimeAsync(5000)
    const second = outbox.call('sendMessageDraft', { chat_id: 1, draft_id: 9, text: 'new' }, key)
    await settle(Promise.all([first, second]))
    expect(api.calls.map((c) => c.payload.text)).toEqual(['old', 'new'])
  })

  it('caps calls started per second across chats', async () => {
    const { outbox, api } = setup(undefined, { globalPerSecond: 10 })
    await settle(
      Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          outbox.call('sendMessage', { chat_id: i + 1, text: 'x' }),
        ),
      ),
    )
    const times = api.calls.map((c) => c.at)
    for (const t of times)
      expect(times.filter((u) => u >= t && u < t + 1000).length).toBeLessThanOrEqual(10)
    expect(api.calls).toHaveLength(40)
  })

  it('runs calls without a chat (answerCallbackQuery) under the global cap only', async () => {
    const { outbox, api } = setup()
    await settle(
      Promise.all(
        [1, 2, 3].map((n) => outbox.call('answerCallbackQuery', { callback_query_id: `${n}` })),
      ),
    )
    expect(api.maxInFlight).toBe(3)
  })

  it('reports idleness and rejects what is still queued on close', async () => {
    const { outbox } = setup()
    await expect(outbox.idle()).resolves.toBeUndefined()
    const first = outbox.call('sendMessage', { chat_id: 1, text: 'a' })
    const second = outbox.call('sendMessage', { chat_id: 1, text: 'b' }).catch((e: unknown) => e)
    expect(outbox.pending(1)).toBe(2)
    await vi.advanceTimersByTimeAsync(10)
    outbox.close()
    await expect(settle(first)).resolves.toEqual({ message_id: 100 })
    expect(await second).toBeInstanceOf(OutboxClosedError)
    await expect(outbox.call('sendMessage', { chat_id: 1, text: 'c' })).rejects.toBeInstanceOf(
      OutboxClosedError,
    )
    await expect(settle(outbox.idle())).resolves.toBeUndefined()
  })
})
