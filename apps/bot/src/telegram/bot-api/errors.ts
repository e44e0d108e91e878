/**
 * Errors of our typed Bot API layer, each with a stable `code`. Their messages name the method and
 * never quote Telegram's reply: the details (`issues`, `received`) are for the log, not a chat.
 */

import type { z } from 'zod'

/** `path: message` lines of a zod error, for logs and for our own (caller-side) input errors. */
export function issuesOf(error: z.ZodError): string[] {
  return error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
}

/** The caller's arguments break a documented limit: nothing was sent. */
export class BotApiRequestError extends Error {
  readonly code = 'BOT_API_INVALID_REQUEST'
  override readonly name = 'BotApiRequestError'

  constructor(
    readonly method: string,
    readonly issues: readonly string[],
  ) {
    super(`${method} not sent: ${issues.join('; ')}`)
  }
}

/** Data from Telegram (a reply or an update) of another shape than the Bot API documents. */
abstract class UnexpectedShapeError extends Error {
  constructor(
    message: string,
    /** Which fields were off (for the log). */
    readonly issues: readonly string[],
    /** The raw data, for the log only. */
    readonly received: unknown,
  ) {
    super(message)
  }
}

/** Telegram answered `ok: true` with a result of another shape than the Bot API documents. */
export class BotApiReplyError extends UnexpectedShapeError {
  readonly code = 'BOT_API_UNEXPECTED_REPLY'
  override readonly name = 'BotApiReplyError'

  constructor(
    readonly method: string,
    issues: readonly string[],
    received: unknown,
  ) {
    super(`${method}: Telegram's reply has an unexpected shape`, issues, received)
  }
}

/** An incoming update of a kind we parse (e.g. stopped_message_generation) has another shape. */
export class BotApiUpdateError extends UnexpectedShapeError {
  readonly code = 'BOT_API_INVALID_UPDATE'
  override readonly name = 'BotApiUpdateError'

  constructor(
    readonly kind: string,
    issues: readonly string[],
    received: unknown,
  ) {
    super(`update ${kind} has an unexpected shape`, issues, received)
  }
}
