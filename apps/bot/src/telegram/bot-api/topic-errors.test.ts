import { describe, expect, it, vi } from 'vitest'
import { TelegramError } from '../errors.js'
import { telegramError } from '../testing/fake-call-api.js'
import { outboxOver, useFakeTimers } from '../testing/outbox-setup.js'
import { createForumTopic } from './forum-topic-calls.js'
import {
  isForumCreateForbidden,
  isNotAForum,
  isThreadNotFound,
  isTopicUnavailable,
} from './topic-errors.js'

describe('topic error recognisers', () => {
  const threadNotFound = new TelegramError(
    'sendMessage',
    400,
    'Bad Request: message thread not found',
  )
  const forbidden = new TelegramError(
    'createForumTopic',
    400,
    'Bad Request: BOT_FORUM_CREATE_FORBIDDEN',
  )
  const notForum = new TelegramError(
    'createForumTopic',
    400,
    'Bad Request: the chat is not a forum',
  )

  it('recognise each breakage, also as Telegraf throws it', () => {
    expect(isThreadNotFound(threadNotFound)).toBe(true)
    expect(isThreadNotFound(telegramError(400, 'Bad Request: message thread not found'))).toBe(true)
    expect(isForumCreateForbidden(forbidden)).toBe(true)
    expect(isNotAForum(notForum)).toBe(true)
    for (const error of [threadNotFound, forbidden, notForum])
      expect(isTopicUnavailable(error)).toBe(true)
  })

  it('ignore other failures', () => {
    for (const error of [
      new TelegramError('sendMessage', 400, 'Bad Request: message is not modified'),
      new TelegramError('sendMessage', 403, 'Forbidden: bot was blocked by the user'),
      new Error('message thread not found'),
      undefined,
    ])
      expect(isTopicUnavailable(error)).toBe(false)
  })
})

describe('through the real Outbox', () => {
  useFakeTimers()

  it('a refused createForumTopic reaches the caller as a recognisable TelegramError', async () => {
    const { outbox, api } = outboxOver(() => {
      throw telegramError(400, 'Bad Request: BOT_FORUM_CREATE_FORBIDDEN')
    })
    const result = createForumTopic(outbox, { chatId: 42, name: 'api' }).catch((e: unknown) => e)
    await vi.runAllTimersAsync()
    const error = await result
    expect(error).toBeInstanceOf(TelegramError)
    expect(isTopicUnavailable(error)).toBe(true)
    expect(api.callsOf('createForumTopic')).toHaveLength(1) // a 400 is not retried
  })
})
