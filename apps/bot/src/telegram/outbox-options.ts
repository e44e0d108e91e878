/** The options of the Outbox and of each call. */

import type { ChatId } from './chat-id.js'
import type { Lane } from './chat-queue.js'
import type { Clock } from './clock.js'
import type { RetryPolicy } from './retry-policy.js'
import type { ThreadFallback } from './thread-fallback.js'
import type { CallApi } from './timed-call.js'

export interface CallOptions {
  /** Ordering key; defaults to `payload.chat_id`. Calls without a chat only pass the global cap. */
  chatId?: ChatId
  /** Default 'critical'. A progress call may be dropped for critical work: it then resolves undefined. */
  lane?: Lane
  /** With lane 'progress': a waiting call with the same key is replaced by this one. */
  supersedeKey?: string
  /** Cancels the call (it rejects with an AbortError), e.g. when polling stops. */
  signal?: AbortSignal
  /** Instead of the method's own deadline (deadlines.ts). */
  deadlineMs?: number
  /** false: one attempt, failures go to the caller (who has its own backoff). Default true. */
  retry?: boolean
  /** false: not counted by pending()/idle() (the long poll would keep idle() from resolving). */
  tracked?: boolean
}

export interface RetryEvent {
  method: string
  chatId: ChatId | undefined
  delayMs: number
  error: unknown
}

export interface OutboxOptions extends Partial<RetryPolicy> {
  callApi: CallApi
  clock?: Clock
  /** Minimum ms between calls to one chat. Default: 1000 for private chats, 3000 for groups. */
  chatIntervalMs?: (chatId: ChatId) => number
  /** Global cap on calls started per second. Default 25 (below Telegram's ~30). */
  globalPerSecond?: number
  /** Retries for a failing progress call (the next live update comes soon anyway). Default 2. */
  progressMaxTransientRetries?: number
  /** Source of jitter; default Math.random. */
  random?: () => number
  /** Told about every retry (for logging). */
  onRetry?: (event: RetryEvent) => void
  /** Decides how a send to a missing or closed topic goes on (thread-fallback.ts); default: it fails. */
  threads?: ThreadFallback
}
