/**
 * Turns whatever `callApi` threw into our typed errors, and answers the questions callers ask about
 * them: is it worth retrying, is it "message is not modified", is it a formatting rejection.
 */

import { z } from 'zod'
import { TelegramError, TelegramNetworkError } from './errors.js'

/** The shape of Telegraf's TelegramError (`err.response`), validated rather than trusted. */
const ApiResponse = z.object({
  error_code: z.number(),
  description: z.string().default(''),
  parameters: z.object({ retry_after: z.number().optional() }).loose().optional(),
})

const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ETIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
  'ENOTFOUND',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
])

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
  if (isNetworkFailure(error)) return new TelegramNetworkError(method, error)
  return error
}

function isNetworkFailure(error: unknown): boolean {
  if (!(error instanceof Error)) return false
  const code = (error as { code?: unknown }).code
  if (typeof code === 'string' && NETWORK_CODES.has(code)) return true
  if (error.name === 'AbortError') return false // our own cancellation, not a network fault
  if (error.name === 'FetchError') return true // node-fetch (Telegraf's transport)
  if (/fetch failed|socket hang up|network/i.test(error.message)) return true
  return error.cause !== undefined && error.cause !== error && isNetworkFailure(error.cause)
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
