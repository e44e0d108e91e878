/**
 * A scripted stand-in for Telegraf's `telegram.callApi` (test support). It records every call with
 * the fake clock's time, tracks how many calls are in flight (to prove nothing overlaps), answers
 * like Telegram (message ids, `true`), and throws real Telegraf TelegramErrors when told to.
 */

import { TelegramError as TelegrafError } from 'telegraf'
import type { Clock } from '../clock.js'

export interface RecordedCall {
  method: string
  payload: Record<string, unknown>
  at: number
  /** The signal the outbox passed (its deadline). */
  signal: AbortSignal | undefined
}

/** Decides the outcome of one call: return a value, throw, or undefined for the default answer. */
export type Responder = (call: RecordedCall, index: number) => unknown

export class FakeCallApi {
  readonly calls: RecordedCall[] = []
  inFlight = 0
  maxInFlight = 0
  /** Max calls in flight at once per chat (proves per-chat serialisation). */
  readonly maxInFlightPerChat = new Map<string, number>()
  private readonly inFlightPerChat = new Map<string, number>()
  private nextMessageId = 100

  constructor(
    private readonly clock: Clock,
    /** Simulated round-trip time. */
    private readonly latencyMs = 50,
    public responder: Responder = () => undefined,
  ) {}

  readonly callApi = async (
    method: string,
    payload: Record<string, unknown>,
    options: { signal?: AbortSignal } = {},
  ): Promise<unknown> => {
    const call = { method, payload, at: this.clock.now(), signal: options.signal }
    const index = this.calls.push(call) - 1
    const chat = String(payload.chat_id ?? '-')
    this.inFlight += 1
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight)
    const perChat = (this.inFlightPerChat.get(chat) ?? 0) + 1
    this.inFlightPerChat.set(chat, perChat)
    this.maxInFlightPerChat.set(chat, Math.max(perChat, this.maxInFlightPerChat.get(chat) ?? 0))
    try {
      await new Promise((resolve) => this.clock.setTimer(() => resolve(undefined), this.latencyMs))
      const scripted = this.responder(call, index)
      if (scripted !== undefined) return scripted
      if (method === 'sendMessage' || method === 'sendDocument')
        return { message_id: this.nextMessageId++ }
      return true
    } finally {
      this.inFlight -= 1
      this.inFlightPerChat.set(chat, (this.inFlightPerChat.get(chat) ?? 1) - 1)
    }
  }

  /** Calls of one method, in order. */
  callsOf(method: string): RecordedCall[] {
    return this.calls.filter((c) => c.method === method)
  }
}

/** A Telegraf TelegramError as Telegraf throws it for an `ok: false` answer. */
export function telegramError(errorCode: number, description: string, retryAfter?: number): Error {
  const parameters = retryAfter === undefined ? undefined : { retry_after: retryAfter }
  return new TelegrafError({ error_code: errorCode, description, parameters })
}

/** A promise that never settles: a request lost on a half-open connection. */
export function hang(): Promise<never> {
  return new Promise(() => undefined)
}

/** A network failure shaped like node-fetch's (Telegraf's transport). */
export function networkError(code = 'ECONNRESET'): Error {
  return Object.assign(new Error(`request to https://api.telegram.org failed, reason: ${code}`), {
    name: 'FetchError',
    code,
    type: 'system',
  })
}
