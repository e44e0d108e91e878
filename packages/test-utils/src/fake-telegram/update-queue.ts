import { TelegramApiError } from './errors.js'
import type { Update } from './types.js'

export interface PollRequest {
  offset?: number | undefined
  limit?: number | undefined
  timeout?: number | undefined
  allowedUpdates?: string[] | undefined
}

// Telegram's default when allowed_updates is empty: everything except these.
const OPT_IN_ONLY = new Set(['chat_member', 'message_reaction', 'message_reaction_count'])

const DISCONNECT_GRACE_MS = 25

interface Waiter {
  wake(): void
  terminate(error: TelegramApiError): void
}

/** Pending updates and the one long-polling getUpdates request Telegram allows per bot. */
export class UpdateQueue {
  #pending: Update[] = []
  #nextId = 1
  #allowed: Set<string> | undefined
  #waiter: Waiter | undefined

  /** True while a getUpdates request is being held open. */
  get isPolling(): boolean {
    return this.#waiter !== undefined
  }

  /** Number of updates not yet confirmed by an offset. */
  get pendingCount(): number {
    return this.#pending.length
  }

  /** Queues an update (unless allowed_updates filters its type out) and wakes the poller. */
  push(content: Omit<Update, 'update_id'>): Update {
    const update = { update_id: this.#nextId++, ...content }
    const type = Object.keys(content)[0] ?? ''
    const allowed = this.#allowed ? this.#allowed.has(type) : !OPT_IN_ONLY.has(type)
    if (allowed) {
      this.#pending.push(update)
      this.#waiter?.wake()
    }
    return update
  }

  /** deleteWebhook/setWebhook with drop_pending_updates. */
  dropPending(): void {
    this.#pending = []
  }

  /**
   * getUpdates: confirms updates below `offset`, then answers at once if any are pending or
   * `timeout` is 0; otherwise holds the request until an update arrives or the timeout ends.
   * A newer request terminates a held one with 409, as Telegram does.
   */
  async poll(request: PollRequest, signal: AbortSignal): Promise<Update[]> {
    if (this.#waiter !== undefined) {
      // A client that just aborted its poll (Telegraf's stop()) may not have been seen closing
      // yet; give its disconnect a moment to land so it isn't mistaken for a second poller.
      await new Promise((resolve) => setTimeout(resolve, DISCONNECT_GRACE_MS))
    }
    this.#waiter?.terminate(
      new TelegramApiError(
        409,
        'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running',
      ),
    )
    if (request.allowedUpdates !== undefined) {
      const list = request.allowedUpdates
      this.#allowed = list.length === 0 ? undefined : new Set(list)
    }
    this.#confirm(request.offset ?? 0)
    const limit = Math.min(100, Math.max(1, request.limit ?? 100))
    const timeoutMs = Math.max(0, request.timeout ?? 0) * 1000
    if (this.#pending.length > 0 || timeoutMs === 0) return this.#pending.slice(0, limit)
    return await new Promise<Update[]>((resolve, reject) => {
      const done = () => {
        clearTimeout(timer)
        signal.removeEventListener('abort', onAbort)
        if (this.#waiter === waiter) this.#waiter = undefined
      }
      const onAbort = () => {
        done()
        resolve([])
      }
      const waiter: Waiter = {
        wake: () => {
          done()
          resolve(this.#pending.slice(0, limit))
        },
        terminate: (error) => {
          done()
          reject(error)
        },
      }
      const timer = setTimeout(waiter.wake, timeoutMs)
      signal.addEventListener('abort', onAbort)
      this.#waiter = waiter
    })
  }

  /** Answers a held request with what is pending (used when the server closes). */
  release(): void {
    this.#waiter?.wake()
  }

  #confirm(offset: number): void {
    if (offset > 0) this.#pending = this.#pending.filter((u) => u.update_id >= offset)
    // a negative offset keeps only the last |offset| updates and forgets the rest
    if (offset < 0) this.#pending = this.#pending.slice(offset)
  }
}
