/**
 * Turns whatever `callApi` threw into our typed errors, and answers the questions callers ask about
 * them: is it worth retrying, is it "message is not modified", is it a formatting rejection.
 */

import { z } from 'zod'
import { OutboxClosedError, TelegramError, TelegramNetworkError } from './errors.js'

/** The shape of Telegraf's TelegramError (`err.response`), validated rather than trusted. */
const ApiResponse = z.object({
  error_code: z.number(),
  description: z.string().default(''),
  parameters: z.object({ retry_after: z.number().optional() }).loose().optional(),
})

// Failures before the request left: Telegram surely did not run it.
const NOT_SENT_CODES = new Set([
  'ECONNREFUSED',
  'EAI_AGAIN',
  'ENOTFOUND',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
])
// Failures after it may have arrived: the outcome is unknown.
const MAYBE_SENT_CODES = new Set(['ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'UND_ERR_SOCKET'])

/** Normalises a thrown value into TelegramError / TelegramNetworkError, or returns it unchanged. */
export function classifyError(method: string, error: unknown): unknown {
  if (error instanceof TelegramError || error instanceof TelegramNetworkError) return error
  const response = ApiResponse.safeParse((error as { response?: unknown } | null)?.response)
  if (response.success) {
    const { error_code, description, parameters } = response.data
    return new TelegramError(method, error_code, description, {
      retryAfter: parameters?.retry_after,
      cause: error,
    })
  }
  const network = networkFailure(error)
  if (network) return new TelegramNetworkError(method, error, network === 'maybe-sent')
  return error
}

function networkFailure(error: unknown): 'not-sent' | 'maybe-sent' | undefined {
  if (!(error instanceof Error)) return undefined
  const code = (error as { code?: unknown }).code
  if (typeof code === 'string' && NOT_SENT_CODES.has(code)) return 'not-sent'
  if (typeof code === 'string' && MAYBE_SENT_CODES.has(code)) return 'maybe-sent'
  if (error.name === 'AbortError') return undefined // our own cancellation, not a network fault
  const cause = error.cause !== undefined && error.cause !== error ? error.cause : undefined
  const inner = cause === undefined ? undefined : networkFailure(cause)
  if (inner) return inner
  if (error.name === 'FetchError') return 'maybe-sent' // node-fetch (Telegraf's transport)
  if (/fetch failed|socket hang up|network/i.test(error.message)) return 'maybe-sent'
  return undefined
}

/** True for 429 Too Many Requests. */
export function isRateLimited(error: unknown): error is TelegramError {
  return error instanceof TelegramError && error.errorCode === 429
}

/** True for failures worth retrying with backoff: Telegram 5xx and network errors. */
export function isTransient(error: unknown): boolean {
  return (
    error instanceof TelegramNetworkError ||
    (error instanceof TelegramError && error.errorCode >= 500)
  )
}

/**
 * True when a failed call may still have been carried out by Telegram (reply lost, timeout): a
 * resent message may then show twice. False for answers (429, 4xx, 5xx) and refused connections.
 */
export function isUnknownOutcome(error: unknown): boolean {
  return error instanceof TelegramNetworkError && error.outcomeUnknown
}

/**
 * For callers that keep their own durable retry (the final-answer journal): true when trying the
 * same call again later can succeed — network failures, timeouts, 5xx, 429, and the outbox being
 * closed by a shutdown. False for Telegram's definite refusals (400 bad request, 403 blocked …).
 */
export function shouldRetryLater(error: unknown): boolean {
  const classified = classifyError('', error)
  return isTransient(classified) || isRateLimited(classified) || error instanceof OutboxClosedError
}

/** 409 "terminated by other getUpdates request": another process polls the same token. */
export function isPollingConflict(error: unknown): boolean {
  return errorCodeOf(error) === 409 && !isWebhookConflict(error)
}

/** 409 "can't use getUpdates method while webhook is active". */
export function isWebhookConflict(error: unknown): boolean {
  return errorCodeOf(error) === 409 && descriptionOf(error).includes('webhook')
}

/** 401 Unauthorized / 404 Not Found: the token is wrong or revoked. */
export function isTokenRejected(error: unknown): boolean {
  const code = errorCodeOf(error)
  return code === 401 || code === 404
}

function errorCodeOf(error: unknown): number | undefined {
  const classified = error instanceof TelegramError ? error : classifyError('', error)
  return classified instanceof TelegramError ? classified.errorCode : undefined
}

/** "Bad Request: message is not modified" — harmless: the message already shows this content. */
export function isNotModified(error: unknown): boolean {
  return descriptionOf(error).includes('message is not modified')
}

/** "Bad Request: can't parse entities" — the HTML was rejected; resend as plain text. */
export function isParseError(error: unknown): boolean {
  return descriptionOf(error).includes("can't parse entities")
}

function descriptionOf(error: unknown): string {
  const classified = error instanceof TelegramError ? error : classifyError('', error)
  return classified instanceof TelegramError ? classified.description.toLowerCase() : ''
}
