import { STATUS_CODES } from 'node:http'
import { TelegramApiError } from './errors.js'

/** A fault to inject: an API error, or `'network'` to drop the connection without answering. */
export type Failure = { status: number; description?: string; retryAfter?: number } | 'network'

/** Queued faults per method (case-insensitive), consumed one per call. */
export class FailureQueue {
  readonly #queued = new Map<string, Failure[]>()

  add(method: string, failure: Failure, times: number): void {
    const key = method.toLowerCase()
    const list = this.#queued.get(key) ?? []
    for (let n = 0; n < times; n++) list.push(failure)
    this.#queued.set(key, list)
  }

  /** The next fault for `method`, removing it, or undefined. */
  take(method: string): Failure | undefined {
    return this.#queued.get(method.toLowerCase())?.shift()
  }
}

/** The error Telegram would send for an injected status. */
export function failureError(failure: Exclude<Failure, 'network'>): TelegramApiError {
  const { status, retryAfter } = failure
  if (status === 429) {
    const seconds = retryAfter ?? 1
    return new TelegramApiError(
      429,
      failure.description ?? `Too Many Requests: retry after ${seconds}`,
      {
        retry_after: seconds,
      },
    )
  }
  const reason = STATUS_CODES[status] ?? 'Error'
  return new TelegramApiError(
    status,
    failure.description ?? (status === 400 ? `Bad Request: injected failure` : reason),
  )
}
