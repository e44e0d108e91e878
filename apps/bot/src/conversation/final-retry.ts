/**
 * What a failed delivery of a final outcome means, and when to try again. The outbox already
 * retried the call a few times (and waits out every 429); what reaches here is either an outage
 * longer than that, a chat we can't reach (blocked, deleted), or a refusal nothing can fix.
 * Finals are never given up: transient failures come back with capped exponential backoff, an
 * unreachable chat rarely (the user may unblock the bot; a new message from them retries at once).
 */

import { exponentialBackoff } from '../telegram/backoff.js'
import { shouldRetryLater } from '../telegram/classify-error.js'
import { OutboxClosedError, TelegramError } from '../telegram/errors.js'

export type FinalFailure =
  /** The bot is shutting down: stop, the journal keeps the rest for the next start. */
  | 'closed'
  /** Network, 5xx, timeouts, anything unexpected: try again soon. */
  | 'transient'
  /** 403 (blocked, kicked, deactivated) or "chat not found": keep it, try again rarely. */
  | 'unreachable'
  /** Any other 4xx: this item can never be sent as it is. */
  | 'refused'

export interface FinalBackoff {
  /** First wait after a transient failure; doubles each time. */
  baseMs: number
  /** Ceiling for transient failures: bounds the delay between Telegram's return and the answer. */
  maxMs: number
  /** First and longest wait for an unreachable chat. */
  unreachableBaseMs: number
  unreachableMaxMs: number
}

export const DEFAULT_FINAL_BACKOFF: FinalBackoff = {
  baseMs: 2_000,
  maxMs: 30_000,
  unreachableBaseMs: 60_000,
  unreachableMaxMs: 3_600_000,
}

/** The journaled `.md` of an answer can't be read back (removed or damaged on disk). */
export class FinalDocumentUnreadableError extends Error {
  readonly code = 'FINAL_DOCUMENT_UNREADABLE'
  override readonly name = 'FinalDocumentUnreadableError'

  constructor(cause?: unknown) {
    super('the file of a pending answer could not be read back', { cause })
  }
}

/** Sorts a delivery failure into what to do about it. */
export function classifyFinalFailure(error: unknown): FinalFailure {
  if (error instanceof OutboxClosedError) return 'closed'
  if (error instanceof FinalDocumentUnreadableError) return 'refused'
  // Network failures, timeouts and anything unexpected: never a reason to drop an answer.
  if (!(error instanceof TelegramError) || shouldRetryLater(error)) return 'transient'
  const { errorCode, description } = error
  if (errorCode === 401) return 'transient' // a revoked token: the bot stops; the journal keeps it
  if (errorCode === 403 || /chat not found|user is deactivated/i.test(description))
    return 'unreachable'
  return 'refused'
}

/** How long to wait before attempt `attempt + 1` (0-based), with ±20 % jitter from `random`. */
export function finalRetryDelay(
  failure: 'transient' | 'unreachable',
  attempt: number,
  backoff: FinalBackoff,
  random: () => number,
): number {
  const [base, max] =
    failure === 'transient'
      ? [backoff.baseMs, backoff.maxMs]
      : [backoff.unreachableBaseMs, backoff.unreachableMaxMs]
  const delay = exponentialBackoff(base, attempt, max)
  return Math.round(delay * (0.8 + 0.4 * random()))
}
