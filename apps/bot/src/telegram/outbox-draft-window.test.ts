import { describe, expect, it, vi } from 'vitest'
import { outboxOver, useFakeTimers } from './testing/outbox-setup.js'
import { DRAFT_WINDOW_MS, DRAFTS_PER_WINDOW } from './unspaced-calls.js'

useFakeTimers()

const progress = { lane: 'progress' } as const
const draft = (i: number) => ({ chat_id: 1, draft_id: 1 + (i % 3), text: `d${i}` })

describe('Outbox: a draft waiting for its chat’s draft window', () => {
  it('never holds an answer queued behind it: the stale draft is dropped, the answer goes', async () => {
    const { api, outbox, t0 } = outboxOver()
    // Three topics' drafts fill the chat's window at once.
    const burst = Array.from({ length: DRAFTS_PER_WINDOW }, (_, i) =>
      outbox.call('sendMessageDraft', draft(i), progress),
    )
    await vi.advanceTimersByTimeAsync(DRAFTS_PER_WINDOW * 60)
    await Promise.all(burst)
    const waiting = outbox.call('sendMessageDraft', draft(99), progress)
    await vi.advanceTimersByTimeAsync(100)
    const answer = outbox.call('sendMessage', { chat_id: 1, text: 'answer' })
    await vi.advanceTimersByTimeAsync(2_000)
    await expect(answer).resolves.toMatchObject({ message_id: expect.any(Number) })
    const sentAt = (api.calls.find((c) => c.method === 'sendMessage')?.at ?? 0) - t0
    expect(sentAt).toBeLessThan(DRAFT_WINDOW_MS / 2)
    // The draft the answer overtook is never shown after it.
    await expect(waiting).resolves.toBeUndefined()
    await vi.advanceTimersByTimeAsync(2 * DRAFT_WINDOW_MS)
    expect(api.calls.filter((c) => c.payload.text === 'd99')).toEqual([])
  })

  it('still goes when its window opens if nothing critical waits', async () => {
    const { api, outbox, t0 } = outboxOver()
    const burst = Array.from({ length: DRAFTS_PER_WINDOW + 1 }, (_, i) =>
      outbox.call('sendMessageDraft', draft(i), progress),
    )
    await vi.advanceTimersByTimeAsync(2 * DRAFT_WINDOW_MS)
    await Promise.all(burst)
    const last = api.calls.at(-1)
    expect(last?.payload.text).toBe(`d${DRAFTS_PER_WINDOW}`)
    expect((last?.at ?? 0) - t0).toBeGreaterThanOrEqual(DRAFT_WINDOW_MS)
  })
})
