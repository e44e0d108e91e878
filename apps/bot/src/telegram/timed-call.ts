/**
 * One Bot API call bounded by a deadline. The deadline aborts the request through the AbortSignal
 * Telegraf hands to node-fetch, which then destroys the socket (`req.abort()`), so a half-open
 * keep-alive connection is dropped rather than reused (timed-call.test.ts proves it against a real
 * HTTP server). The promise settles at the deadline even if the transport ignored the signal.
 */

import type { Clock } from './clock.js'
import { TelegramTimeoutError } from './errors.js'

/** Telegraf's `telegram.callApi`, or any function with its contract (throws on `ok: false`). */
export type CallApi = (
  method: string,
  payload: Record<string, unknown>,
  options?: { signal?: AbortSignal },
) => Promise<unknown>

export interface TimedCallOptions {
  deadlineMs: number
  clock: Clock
  /** The caller's own cancellation (e.g. stopping the poller): rejects with an AbortError. */
  signal?: AbortSignal | undefined
}

/** Runs `callApi` and rejects with TelegramTimeoutError once `deadlineMs` has passed. */
export function timedCall(
  callApi: CallApi,
  method: string,
  payload: Record<string, unknown>,
  options: TimedCallOptions,
): Promise<unknown> {
  const { clock, signal, deadlineMs } = options
  if (signal?.aborted) return Promise.reject(abortError())
  const controller = new AbortController()
  return new Promise<unknown>((resolve, reject) => {
    const timer = clock.setTimer(() => {
      reject(new TelegramTimeoutError(method, deadlineMs))
      controller.abort()
    }, deadlineMs)
    const onAbort = () => {
      reject(abortError())
      controller.abort()
    }
    signal?.addEventListener('abort', onAbort, { once: true })
    const done = () => {
      clock.clearTimer(timer)
      signal?.removeEventListener('abort', onAbort)
    }
    callApi(method, payload, { signal: controller.signal }).then(
      (value) => {
        done()
        resolve(value)
      },
      (error: unknown) => {
        done()
        reject(error)
      },
    )
  })
}

function abortError(): Error {
  return Object.assign(new Error('The call was cancelled.'), { name: 'AbortError' })
}
