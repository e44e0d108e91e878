import { describe, expect, it, vi } from 'vitest'
import { type Responder, telegramError } from './testing/fake-call-api.js'
import { outboxOver, useFakeTimers } from './testing/outbox-setup.js'

useFakeTimers()

function setup(responder: Responder) {
  const { api, outbox, t0 } = outboxOver(responder)
  const sent = (text: string) => api.calls.find((c) => c.payload.text === text)
  const sentAt = (text: string) => (sent(text)?.at ?? Number.NaN) - t0
  return { api, outbox, sentAt }
}

const badGateway = (method: string): Responder => {
  return (call) => {
    if (call.method === method) throw telegramError(502, 'Bad Gateway')
  }
}
const progress = (messageId: number) => ({
  lane: 'progress' as const,
  supersedeKey: `edit:1:${messageId}`,
})

describe('Outbox lanes: progress never delays critical work', () => {
  it('a progress edit backing off on 502s does not hold the next answer', async () => {
    const { api, outbox, sentAt } = setup(badGateway('editMessageText'))
    const edit = outbox
      .call('editMessageText', { chat_id: 1, message_id: 5, text: 'tick 3' }, progress(5))
      .catch((error: unknown) => error)
    await vi.advanceTimersByTimeAsync(100) // the edit failed once and is backing off
    const answer = outbox.call('sendMessage', { chat_id: 1, text: 'the answer' })
    await vi.advanceTimersByTimeAsync(1_100)
    await expect(answer).resolves.toEqual({ message_id: 100 })
    // Only the chat's 1 s spacing after the edit's first try, not the edit's backoff (~30 s before).
    expect(sentAt('the answer')).toBeLessThanOrEqual(1_050)
    await vi.advanceTimersByTimeAsync(10_000)
    expect(await edit).toMatchObject({ errorCode: 502 })
    expect(api.callsOf('editMessageText').length).toBe(3) // progress: 2 quick retries, then given up
  })

  it('a waiting progress edit yields to every critical call queued behind it, then retries', async () => {
    let fails = 1
    const { api, outbox } = setup((call) => {
      if (call.method === 'editMessageText' && fails-- > 0) throw telegramError(502, 'Bad Gateway')
    })
    const edit = outbox.call(
      'editMessageText',
      { chat_id: 1, message_id: 5, text: 'p' },
      progress(5),
    )
    await vi.advanceTimersByTimeAsync(100)
    const prompt = outbox.call('sendMessage', { chat_id: 1, text: 'prompt' })
    const answer = outbox.call('sendMessage', { chat_id: 1, text: 'answer' })
    await vi.advanceTimersByTimeAsync(5_000)
    await Promise.all([edit, prompt, answer])
    expect(api.calls.map((c) => c.payload.text)).toEqual(['p', 'prompt', 'answer', 'p'])
  })

  it('a stale progress edit is dropped when a critical call changes the same message', async () => {
    const { api, outbox } = setup(badGateway('editMessageText'))
    const stale = outbox.call(
      'editMessageText',
      { chat_id: 1, message_id: 5, text: 'tick 7' },
      progress(5),
    )
    await vi.advanceTimersByTimeAsync(100)
    api.responder = () => undefined // Telegram is fine again
    const final = outbox.call('editMessageText', { chat_id: 1, message_id: 5, text: 'cut off' })
    await vi.advanceTimersByTimeAsync(5_000)
    await expect(stale).resolves.toBeUndefined() // dropped: it would overwrite "cut off"
    await expect(final).resolves.toBe(true)
    expect(api.calls.map((c) => c.payload.text)).toEqual(['tick 7', 'cut off'])
  })

  it('a draft waiting for a retry is dropped for the answer that replaces it', async () => {
    const { api, outbox, sentAt } = setup((call) => {
      if (call.method === 'sendMessageDraft') throw telegramError(429, 'Too Many Requests', 3)
    })
    const draft = outbox.call(
      'sendMessageDraft',
      { chat_id: 1, draft_id: 9, text: 'partial' },
      { lane: 'progress', supersedeKey: 'draft:1:9' },
    )
    await vi.advanceTimersByTimeAsync(100)
    const answer = outbox.call('sendMessage', { chat_id: 1, text: 'answer' })
    await vi.advanceTimersByTimeAsync(5_000)
    await expect(draft).resolves.toBeUndefined()
    await expect(answer).resolves.toEqual({ message_id: 100 })
    // The 429 holds the whole chat (Telegram's rule), then the answer goes, and no stale draft.
    expect(api.calls.map((c) => c.method)).toEqual(['sendMessageDraft', 'sendMessage'])
    expect(sentAt('answer')).toBeGreaterThanOrEqual(3_000)
  })

  it('critical calls keep their strict order among themselves while one retries', async () => {
    let fails = 2
    const { api, outbox } = setup((call) => {
      if (call.payload.text === 'a' && fails-- > 0) throw telegramError(502, 'Bad Gateway')
    })
    const texts = ['a', 'b', 'c']
    await vi.advanceTimersByTimeAsync(0)
    const all = Promise.all(texts.map((text) => outbox.call('sendMessage', { chat_id: 1, text })))
    await vi.advanceTimersByTimeAsync(20_000)
    await all
    expect(api.calls.map((c) => c.payload.text)).toEqual(['a', 'a', 'a', 'b', 'c'])
  })
})
