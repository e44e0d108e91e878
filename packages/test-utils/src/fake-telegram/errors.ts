/** Stable codes of the errors the fake throws; tests switch on `code`, never on messages. */
export type FakeTelegramErrorCode =
  | 'TELEGRAM_API_ERROR'
  | 'TELEGRAM_ENTITY_PARSE'
  | 'FAKE_TELEGRAM_USAGE'
  | 'FAKE_TELEGRAM_TIMEOUT'

/** Base class of every error thrown by the fake Telegram server. */
export class FakeTelegramError extends Error {
  readonly code: FakeTelegramErrorCode
  constructor(code: FakeTelegramErrorCode, message: string, options?: ErrorOptions) {
    super(message, options)
    this.name = new.target.name
    this.code = code
  }
}

/** A rejection the real Bot API would send: becomes `{ ok: false, error_code, description }`. */
export class TelegramApiError extends FakeTelegramError {
  constructor(
    readonly errorCode: number,
    readonly description: string,
    readonly parameters?: { retry_after?: number },
    /** A simulated outage (setTopicOutage), not a rule the bot broke: left out of `errors()`. */
    readonly injected = false,
  ) {
    super('TELEGRAM_API_ERROR', description)
  }
}

/** 400 with Telegram's `Bad Request: ` prefix. */
export function badRequest(reason: string): TelegramApiError {
  return new TelegramApiError(400, `Bad Request: ${reason}`)
}

/** 400 for a simulated Telegram fault (an outage), recorded with `injected: true`. */
export function outageBadRequest(reason: string): TelegramApiError {
  return new TelegramApiError(400, `Bad Request: ${reason}`, undefined, true)
}

/** A formatting error; the caller prefixes "can't parse entities: ". */
export class EntityParseError extends FakeTelegramError {
  constructor(readonly reason: string) {
    super('TELEGRAM_ENTITY_PARSE', reason)
  }
}

/** A test drove the fake in a way no real user could (e.g. pressing a button that isn't there). */
export class FakeTelegramUsageError extends FakeTelegramError {
  constructor(message: string) {
    super('FAKE_TELEGRAM_USAGE', message)
  }
}

/** `waitFor` gave up. */
export class FakeTelegramTimeoutError extends FakeTelegramError {
  constructor(message: string) {
    super('FAKE_TELEGRAM_TIMEOUT', message)
  }
}
