import { describe, expect, it, vi } from 'vitest'
import { telegramError } from './testing/fake-call-api.js'
import { outboxOver, useFakeTimers } from './testing/outbox-setup.js'
import { DRAFT_WINDOW_MS, DRAFTS_PER_WINDOW } from './unspaced-calls.js'

useFakeTimers()

const draft = (i: number) => ({ chat_id: 1, draft_id: 5, text: `d${i}` })

describe('Outbox: drafts and typing actions', () => {
  it('does not space a draft or a typing action behind a message, nor a message behind them', async () => {
    const { api, outbox, t0 } = outboxOver()
    const calls = [
      outbox.call('sendChatAction', { chat_id: 1, action: 'typing' }),
      outbox.call('sendMessageDraft', draft(0)),
      outbox.call('sendMessageDraft', draft(1)),
      outbox.call('sendMessage', { chat_id: 1, text: 'answer' }),
      outbox.call('sendMessage', { chat_id: 1, text: 'second' }),
    ]
    await vi.advanceTimersByTimeAsync(5_000)
    await Promise.all(calls)
    // One call at a time per chat, each answered after 50 ms: nothing waits for spacing but the
    // second message (the first text follows "working…" at once, the answer follows it at once).
    const at = api.calls.map((c) => c.at - t0)
    expect(at.slice(0, 4).every((t) => t < 1_000)).toBe(true)
    expect((at[4] ?? 0) - (at[3] ?? 0)).toBeGreaterThanOrEqual(1_000)
  })

  it('keeps each chat under its draft window, however many turns stream into it', async () => {
    const { api, outbox, t0 } = outboxOver()
    const drafts = Array.from({ length: DRAFTS_PER_WINDOW + 3 }, (_, i) =>
      outbox.call('sendMessageDraft', { ...draft(i), draft_id: 1 + (i % 3) }),
    )
    await vi.advanceTimersByTimeAsync(2 * DRAFT_WINDOW_MS)
    await Promise.all(drafts)
    const at = api.calls.map((c) => c.at - t0)
    expect(at.filter((t) => t < DRAFT_WINDOW_MS)).toHaveLength(DRAFTS_PER_WINDOW)
    expect(at.at(-1)).toBeGreaterThanOrEqual(DRAFT_WINDOW_MS)
  })

  it('holds drafts back while a 429 tells the chat to wait', async () => {
    let flooded = false
    const { api, outbox, t0 } = outboxOver((call) => {
      if (call.method === 'sendMessage' && !flooded) {
        flooded = true
        throw telegramError(429, 'Too Many Requests: retry after 5', 5)
      }
      return true
    })
    const sent = outbox.call('sendMessage', { chat_id: 1, text: 'answer' })
    await vi.advanceTimersByTimeAsync(10)
    const later = outbox.call('sendMessageDraft', draft(0), { lane: 'progress' })
    await vi.advanceTimersByTimeAsync(10_000)
    await Promise.all([sent, later])
    const draftCall = api.calls.find((c) => c.method === 'sendMessageDraft')
    expect((draftCall?.at ?? 0) - t0).toBeGreaterThanOrEqual(5_000)
  })
})
