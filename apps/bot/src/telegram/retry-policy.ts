/**
 * How long to wait before retrying a failed Telegram call, or `undefined` to give up.
 * 429: exactly what Telegram asked (`retry_after`) plus a little jitter, however often it asks —
 * a final answer must not be dropped. 5xx and network failures: exponential backoff with a cap and
 * a bounded number of tries. Any other 4xx: never (retrying a bad request can't help).
 */

import { exponentialBackoff } from './backoff.js'
import { isRateLimited, isTransient } from './classify-error.js'

export interface RetryPolicy {
  /** Retries allowed for 5xx / network failures (429 waits are not counted). Default 6. */
  maxTransientRetries: number
  /** First backoff delay; doubles each try. Default 500 ms. */
  backoffBaseMs: number
  /** Backoff ceiling. Default 30 s. */
  backoffMaxMs: number
  /** Random extra delay up to this, so many waiting chats don't all retry at once. Default 500 ms. */
  jitterMs: number
}

export const defaultRetryPolicy: RetryPolicy = {
  maxTransientRetries: 6,
  backoffBaseMs: 500,
  backoffMaxMs: 30_000,
  jitterMs: 500,
}

/** Delay in ms before retry number `transientTries + 1`, or undefined when not to retry. */
export function retryDelay(
  error: unknown,
  transientTries: number,
  policy: RetryPolicy,
  random: () => number,
): number | undefined {
  const jitter = Math.floor(random() * policy.jitterMs)
  if (isRateLimited(error)) return (error.retryAfter ?? 1) * 1000 + jitter
  if (!isTransient(error) || transientTries >= policy.maxTransientRetries) return undefined
  return exponentialBackoff(policy.backoffBaseMs, transientTries, policy.backoffMaxMs) + jitter
}

/** The policies of the two lanes: progress calls get few retries (the next live update is near). */
export function retryPolicies(
  options: Partial<RetryPolicy> & { progressMaxTransientRetries?: number },
): { critical: RetryPolicy; progress: RetryPolicy } {
  const given = Object.fromEntries(
    Object.entries(options).filter(([key, v]) => v !== undefined && key in defaultRetryPolicy),
  )
  const critical = { ...defaultRetryPolicy, ...given }
  const progressTries = Math.min(
    options.progressMaxTransientRetries ?? 2,
    critical.maxTransientRetries,
  )
  return { critical, progress: { ...critical, maxTransientRetries: progressTries } }
}
