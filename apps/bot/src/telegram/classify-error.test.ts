import { describe, expect, it } from 'vitest'
import {
  classifyError,
  isNotModified,
  isParseError,
  isRateLimited,
  isTransient,
} from './classify-error.js'
import { TelegramError, TelegramNetworkError } from './errors.js'
import { networkError, telegramError } from './testing/fake-call-api.js'

describe('classifyError', () => {
  it('turns Telegraf errors into TelegramError with retry_after', () => {
    const error = classifyError(
      'sendMessage',
      telegramError(429, 'Too Many Requests: retry after 12', 12),
    )
    expect(error).toBeInstanceOf(TelegramError)
    expect(error).toMatchObject({ method: 'sendMessage', errorCode: 429, retryAfter: 12 })
    expect(isRateLimited(error)).toBe(true)
    expect(isTransient(error)).toBe(false)
  })

  it.each([
    networkError('ECONNRESET'),
    networkError('ETIMEDOUT'),
    new TypeError('fetch failed'),
    Object.assign(new Error('x'), { cause: networkError() }),
  ])('recognises network failures: %s', (raw) => {
    const error = classifyError('getMe', raw)
    expect(error).toBeInstanceOf(TelegramNetworkError)
    expect(isTransient(error)).toBe(true)
  })

  it('treats 5xx as transient and leaves unknown errors alone', () => {
    expect(isTransient(classifyError('x', telegramError(500, 'Internal Server Error')))).toBe(true)
    expect(
      isTransient(classifyError('x', telegramError(403, 'Forbidden: bot was blocked by the user'))),
    ).toBe(false)
    const bug = new RangeError('bug')
    expect(classifyError('x', bug)).toBe(bug)
  })

  it('answers the two questions delivery code asks', () => {
    const notModified = telegramError(
      400,
      'Bad Request: message is not modified: specified new message content and reply markup are exactly the same',
    )
    expect(isNotModified(notModified)).toBe(true)
    expect(isNotModified(classifyError('editMessageText', notModified))).toBe(true)
    expect(
      isParseError(telegramError(400, "Bad Request: can't parse entities: unexpected end tag")),
    ).toBe(true)
    expect(isParseError(notModified)).toBe(false)
    expect(isNotModified(new Error('message is not modified'))).toBe(false)
  })
})
