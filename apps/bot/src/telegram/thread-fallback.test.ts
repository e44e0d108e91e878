import { describe, expect, it, vi } from 'vitest'
import { telegramError } from './testing/fake-call-api.js'
import { outboxOver, useFakeTimers } from './testing/outbox-setup.js'
import { outsideThread, type ThreadFallback, threadFailureOf } from './thread-fallback.js'

const NOT_FOUND = 'Bad Request: message thread not found'

describe('outsideThread', () => {
  it('resends a message outside the topic, labelled, still replying when it can', () => {
    const rescue = outsideThread(
      'sendMessage',
      {
        chat_id: 1,
        message_thread_id: 7,
        text: 'hi <b>x</b>',
        parse_mode: 'HTML',
        reply_parameters: { message_id: 3 },
      },
      'a<b>',
    )
    expect(rescue).toEqual({
      resend: {
        chat_id: 1,
        text: '<b>[a&lt;b&gt;]</b> hi <b>x</b>',
        parse_mode: 'HTML',
        reply_parameters: { message_id: 3, allow_sending_without_reply: true },
      },
    })
  })

  it('labels plain text and captions, and leaves the label off where it would not fit', () => {
    expect(
      outsideThread('sendMessage', { chat_id: 1, message_thread_id: 7, text: 'hi' }, 'r'),
    ).toEqual({ resend: { chat_id: 1, text: '[r] hi' } })
    expect(outsideThread('sendDocument', { chat_id: 1, message_thread_id: 7 }, 'r')).toEqual({
      resend: { chat_id: 1, caption: '[r]' },
    })
    const long = 'x'.repeat(4096)
    expect(
      outsideThread('sendMessage', { chat_id: 1, message_thread_id: 7, text: long }, 'r'),
    ).toEqual({ resend: { chat_id: 1, text: long } })
  })

  it('skips drafts and chat actions, and gives up on topic-only calls', () => {
    expect(outsideThread('sendMessageDraft', { chat_id: 1, message_thread_id: 7 }, 'r')).toEqual({
      skip: true,
    })
    expect(outsideThread('sendChatAction', { chat_id: 1, message_thread_id: 7 }, 'r')).toEqual({
      skip: true,
    })
    expect(outsideThread('closeForumTopic', { chat_id: 1, message_thread_id: 7 }, 'r')).toBe(
      undefined,
    )
  })

  it('recognises the two topic failures', () => {
    expect(threadFailureOf('sendMessage', telegramError(400, NOT_FOUND))).toBe('not-found')
    expect(threadFailureOf('sendMessage', telegramError(400, 'Bad Request: TOPIC_CLOSED'))).toBe(
      'closed',
    )
    expect(threadFailureOf('sendMessage', telegramError(400, 'Bad Request: chat not found'))).toBe(
      undefined,
    )
  })
})

describe('Outbox with a ThreadFallback', () => {
  useFakeTimers()

  it('resends a call whose topic is gone as the hook says, in the chat’s order', async () => {
    const lost = vi.fn<ThreadFallback['lost']>((method, payload) =>
      outsideThread(method, payload, 'r'),
    )
    const delivered = vi.fn()
    const { api, outbox } = outboxOver(
      (call) =>
        call.payload.message_thread_id === 7
          ? Promise.reject(telegramError(400, NOT_FOUND))
          : undefined,
      { threads: { lost, delivered } },
    )
    const first = outbox.call('sendMessage', { chat_id: 1, message_thread_id: 7, text: 'a' })
    const second = outbox.call('sendMessage', { chat_id: 1, text: 'b' })
    const draft = outbox.call('sendMessageDraft', {
      chat_id: 1,
      message_thread_id: 7,
      draft_id: 1,
      text: 'c',
    })
    await vi.advanceTimersByTimeAsync(10_000)
    await expect(first).resolves.toMatchObject({ message_id: expect.any(Number) })
    await expect(second).resolves.toBeDefined()
    await expect(draft).resolves.toBe(true)
    expect(api.calls.map((c) => [c.method, c.payload.message_thread_id, c.payload.text])).toEqual([
      ['sendMessage', 7, 'a'],
      ['sendMessage', undefined, '[r] a'],
      ['sendMessage', undefined, 'b'],
      ['sendMessageDraft', 7, 'c'],
    ])
    expect(lost).toHaveBeenCalledTimes(2)
    expect(delivered).not.toHaveBeenCalled()
  })

  it('tells the hook about topic sends that went through; other failures fail as before', async () => {
    const delivered = vi.fn()
    const { outbox } = outboxOver(
      (call) =>
        call.payload.text === 'bad'
          ? Promise.reject(telegramError(400, 'Bad Request: chat not found'))
          : undefined,
      { threads: { lost: () => ({ skip: true }), delivered } },
    )
    const ok = outbox.call('sendMessage', { chat_id: 1, message_thread_id: 7, text: 'ok' })
    const bad = outbox.call('sendMessage', { chat_id: 1, message_thread_id: 7, text: 'bad' })
    const badCaught = bad.catch((error: unknown) => error)
    await vi.advanceTimersByTimeAsync(10_000)
    await ok
    expect(await badCaught).toMatchObject({ description: 'Bad Request: chat not found' })
    expect(delivered).toHaveBeenCalledTimes(1)
  })
})
