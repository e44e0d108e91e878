import { describe, expect, it, vi } from 'vitest'
import { isUnknownOutcome, shouldRetryLater } from './classify-error.js'
import { CALL_DEADLINE_MS, deadlineFor } from './deadlines.js'
import { OutboxClosedError, TelegramNetworkError, TelegramTimeoutError } from './errors.js'
import { hang, networkError, telegramError } from './testing/fake-call-api.js'
import { outboxOver as setup, useFakeTimers } from './testing/outbox-setup.js'

useFakeTimers()

describe('Outbox deadlines', () => {
  it('aborts a call that gets no answer (half-open) and retries it on a fresh request', async () => {
    const { api, outbox, t0 } = setup((_call, i) => (i === 0 ? hang() : undefined))
    const edit = outbox.call('editMessageText', { chat_id: 1, message_id: 5, text: 'x' })
    await vi.advanceTimersByTimeAsync(CALL_DEADLINE_MS + 2_000)
    await expect(edit).resolves.toBe(true)
    expect(api.calls[0]?.signal?.aborted).toBe(true) // the transport was told to drop the socket
    expect((api.calls[1]?.at ?? 0) - t0).toBeLessThan(CALL_DEADLINE_MS + 1_000)
  })

  it('gives each call a deadline suited to it', () => {
    expect(deadlineFor('sendMessage', { chat_id: 1, text: 'x' })).toBe(10_000)
    expect(deadlineFor('getUpdates', { timeout: 25 })).toBe(35_000)
    const doc = (bytes: number) => ({ chat_id: 1, document: { source: Buffer.alloc(bytes) } })
    expect(deadlineFor('sendDocument', doc(1024))).toBe(30_004)
    expect(deadlineFor('sendDocument', doc(50 * 1024 * 1024))).toBe(230_000)
    expect(deadlineFor('sendDocument', { chat_id: 1, document: 'file_id' })).toBe(10_000)
  })

  it('a timed-out call is a transient network failure with an unknown outcome', async () => {
    const { outbox } = setup(() => hang())
    const call = outbox
      .call('getMe', {}, { retry: false, deadlineMs: 1_000 })
      .catch((error: unknown) => error)
    await vi.advanceTimersByTimeAsync(1_000)
    const error = await call
    expect(error).toBeInstanceOf(TelegramTimeoutError)
    expect(error).toBeInstanceOf(TelegramNetworkError)
    expect(isUnknownOutcome(error)).toBe(true)
    expect(shouldRetryLater(error)).toBe(true)
  })

  it("stops at once when the caller's signal aborts, without retrying", async () => {
    const { api, outbox } = setup(() => hang())
    const stop = new AbortController()
    const poll = outbox
      .call('getUpdates', { timeout: 25 }, { signal: stop.signal, tracked: false })
      .catch((error: unknown) => error)
    expect(outbox.pending()).toBe(0) // untracked: idle() does not wait for the long poll
    await vi.advanceTimersByTimeAsync(100)
    stop.abort()
    expect(await poll).toMatchObject({ name: 'AbortError' })
    await vi.advanceTimersByTimeAsync(60_000)
    expect(api.calls).toHaveLength(1)
  })
})

describe('Outbox unknown outcomes', () => {
  it('resends a message whose answer was lost only once Telegram answers a probe again', async () => {
    let down = false
    const { api, outbox, t0 } = setup((call) => {
      if (call.method === 'sendMessage' && api.callsOf('sendMessage').length === 1) {
        down = true // the send reached Telegram, its answer did not come back, then a 20 s outage
        setTimeout(() => {
          down = false
        }, 20_000)
        throw networkError('ECONNRESET')
      }
      if (down) throw networkError('ECONNRESET')
    })
    const sent = outbox.call('sendMessage', { chat_id: 1, text: 'final answer' })
    await vi.advanceTimersByTimeAsync(40_000)
    await expect(sent).resolves.toEqual({ message_id: 100 })
    const sends = api.callsOf('sendMessage')
    // One resend, after the network came back — not one per backoff step into the outage.
    expect(sends).toHaveLength(2)
    expect((sends[1]?.at ?? 0) - t0).toBeGreaterThanOrEqual(20_000)
    expect(api.callsOf('getMe').length).toBeGreaterThan(1)
  })

  it('gives a send up after its retry budget while Telegram stays unreachable, unsent', async () => {
    const { api, outbox } = setup(() => {
      throw networkError('ECONNREFUSED')
    })
    const error = await (async () => {
      const call = outbox.call('sendMessage', { chat_id: 1, text: 'x' }).catch((e: unknown) => e)
      await vi.advanceTimersByTimeAsync(120_000)
      return call
    })()
    expect(error).toBeInstanceOf(TelegramNetworkError)
    expect(isUnknownOutcome(error)).toBe(false) // refused: it never left
    expect(shouldRetryLater(error)).toBe(true)
    expect(api.callsOf('sendMessage')).toHaveLength(1)
  })

  it('does not make idempotent calls wait for a probe', async () => {
    let n = 0
    const { api, outbox } = setup(() => {
      if (n++ === 0) throw networkError('ECONNRESET')
    })
    await vi.advanceTimersByTimeAsync(0)
    const edit = outbox.call('editMessageText', { chat_id: 1, message_id: 5, text: 'x' })
    await vi.advanceTimersByTimeAsync(2_000)
    await expect(edit).resolves.toBe(true)
    expect(api.calls.map((c) => c.method)).toEqual(['editMessageText', 'editMessageText'])
  })

  it('rejects a send waiting for the network with OutboxClosedError on close', async () => {
    const { outbox } = setup(() => {
      throw networkError('ECONNRESET')
    })
    const sent = outbox.call('sendMessage', { chat_id: 1, text: 'x' }).catch((e: unknown) => e)
    await vi.advanceTimersByTimeAsync(3_000)
    outbox.close()
    await vi.advanceTimersByTimeAsync(10)
    const error = await sent
    expect(error).toBeInstanceOf(OutboxClosedError)
    expect(shouldRetryLater(error)).toBe(true)
    expect(shouldRetryLater(telegramError(403, 'Forbidden: bot was blocked by the user'))).toBe(
      false,
    )
  })
})
