import { TelegramApiError } from './errors.js'

/** At most `limit` counted calls in any `windowMs`. */
export interface FloodWindow {
  limit: number
  windowMs: number
}

export interface FloodOptions {
  /** Sends and edits per chat (default 20 per 20 s: ~1/s sustained with a burst). */
  perChat?: FloodWindow | false
  /** sendMessageDraft per chat, counted apart from sends (default 20 per 20 s). */
  drafts?: FloodWindow | false
  /** Sends and edits across all chats (default 30 per second). */
  global?: FloodWindow | false
}

export const DEFAULT_FLOOD: Required<FloodOptions> = {
  perChat: { limit: 20, windowMs: 20_000 },
  drafts: { limit: 20, windowMs: 20_000 },
  global: { limit: 30, windowMs: 1_000 },
}

/** Sliding-window rate limits modelled on Telegram's flood control; 429 with retry_after. */
export class FloodControl {
  readonly #options: Required<FloodOptions>
  readonly #now: () => number
  readonly #hits = new Map<string, number[]>()

  constructor(options: FloodOptions | undefined, now: () => number) {
    this.#options = { ...DEFAULT_FLOOD, ...options }
    this.#now = now
  }

  /** Counts one send/edit (or draft) in `chatId`, or throws 429 without counting it. */
  take(chatId: number, kind: 'send' | 'draft'): void {
    const buckets: [string, FloodWindow | false][] =
      kind === 'draft'
        ? [[`draft:${chatId}`, this.#options.drafts]]
        : [
            [`chat:${chatId}`, this.#options.perChat],
            ['global', this.#options.global],
          ]
    const now = this.#now()
    for (const [key, window] of buckets) {
      if (window === false) continue
      const hits = this.#recent(key, window, now)
      const oldest = hits[0]
      if (hits.length >= window.limit && oldest !== undefined) {
        const retryAfter = Math.max(1, Math.ceil((oldest + window.windowMs - now) / 1000))
        throw new TelegramApiError(429, `Too Many Requests: retry after ${retryAfter}`, {
          retry_after: retryAfter,
        })
      }
    }
    for (const [key, window] of buckets) {
      if (window !== false) this.#recent(key, window, now).push(now)
    }
  }

  #recent(key: string, window: FloodWindow, now: number): number[] {
    const hits = (this.#hits.get(key) ?? []).filter((at) => at > now - window.windowMs)
    this.#hits.set(key, hits)
    return hits
  }
}
