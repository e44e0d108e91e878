/**
 * Errors of Telegram delivery, each with a stable `code`. Telegram's own refusals (`TelegramError`)
 * stay apart from transport failures (`TelegramNetworkError`) so callers can map each to a reply.
 */

/** Telegram answered a call with `ok: false` (Telegraf's TelegramError, normalised). */
export class TelegramError extends Error {
  readonly code = 'TELEGRAM_API_ERROR'
  override readonly name = 'TelegramError'
  /** Seconds Telegram asked us to wait (429 only). */
  readonly retryAfter: number | undefined

  constructor(
    readonly method: string,
    readonly errorCode: number,
    readonly description: string,
    options: { retryAfter?: number; cause?: unknown } = {},
  ) {
    super(`${method} failed: ${errorCode} ${description}`, { cause: options.cause })
    this.retryAfter = options.retryAfter
  }

  /** Telegram's field name, for code that mirrors the Bot API. */
  get error_code(): number {
    return this.errorCode
  }
}

/** The call never got an answer from Telegram (connection reset, timeout, DNS, fetch failure). */
export class TelegramNetworkError extends Error {
  readonly code: 'TELEGRAM_NETWORK_ERROR' | 'TELEGRAM_TIMEOUT' = 'TELEGRAM_NETWORK_ERROR'
  override readonly name: string = 'TelegramNetworkError'

  constructor(
    readonly method: string,
    cause: unknown,
    /**
     * True when the request may have reached Telegram (reset, timeout): a send may have happened
     * though we never saw the answer. False when it surely never left (refused, DNS).
     */
    readonly outcomeUnknown = true,
  ) {
    super(`${method} failed: ${cause instanceof Error ? cause.message : String(cause)}`, { cause })
  }
}

/** The call passed its deadline (e.g. a half-open connection): aborted, its outcome unknown. */
export class TelegramTimeoutError extends TelegramNetworkError {
  override readonly code = 'TELEGRAM_TIMEOUT'
  override readonly name = 'TelegramTimeoutError'

  constructor(
    method: string,
    readonly deadlineMs: number,
  ) {
    super(method, new Error(`no answer within ${deadlineMs} ms`), true)
  }
}

/** The outbox was closed before this call could be made. */
export class OutboxClosedError extends Error {
  readonly code = 'OUTBOX_CLOSED'
  override readonly name = 'OutboxClosedError'

  constructor(readonly method: string) {
    super(`${method} not sent: the outbox is closed`)
  }
}

/** Why Telegram will not let this bot poll (see poller.ts). */
export type PollingRefusal = 'conflict' | 'webhook' | 'token' | 'refused'

/** Polling cannot go on: another bot started first, a webhook is set, the token is rejected … */
export class PollingRefusedError extends Error {
  readonly code = 'POLLING_REFUSED'
  override readonly name = 'PollingRefusedError'

  constructor(
    readonly reason: PollingRefusal,
    cause: unknown,
  ) {
    super(`Telegram refused polling (${reason})`, { cause })
  }
}
