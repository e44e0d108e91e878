/** What the user is told when an accepted message could not be run (its entry is then dropped). */

import { describeError } from '../errors/describe-error.js'
import { errorReporter, refSuffix } from '../errors/error-ref.js'
import { UploadDownloadError } from '../files/uploads.js'
import type { Logger } from '../logging/logger.js'
import { escapeHtml } from '../render/html-escape.js'
import type { ChatPlace } from '../telegram/chat-place.js'
import type { Outbox } from '../telegram/outbox.js'
import { sendOrLog } from './telegram-calls.js'

const NOT_RUN = 'Your message was not run; please send it again.'

/** The pool did not take the message: a coded reason names what to fix; any other stays in the log. */
export class PoolRefusedError extends Error {
  readonly code = 'POOL_REFUSED'
  override readonly name = 'PoolRefusedError'
  constructor(cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause)
    super(reason, { cause })
  }
}

/**
 * What the user is told (HTML) when their message could not be run: a typed error's own text, a
 * coded error's description, else a generic line — never a raw message (errno dumps, paths, JSON).
 */
export function notRunText(error: unknown, ref?: string): string {
  // The generic lines name the log line that has the details.
  const logged = ref === undefined ? '' : refSuffix(ref)
  if (error instanceof PoolRefusedError) {
    const known = describeKnown(error.cause)
    return known
      ? `${known} ${NOT_RUN}`
      : `Your message could not be passed to Claude Code (the bot’s log says why${logged ? `:${logged.replace(/[()]/g, '')}` : ''}). ${NOT_RUN}`
  }
  if (error instanceof UploadDownloadError) return escapeHtml(error.chatText(ref))
  const own = (error as { userMessage?: string } | undefined)?.userMessage
  if (own) return escapeHtml(own)
  const known = describeKnown(error)
  return known ? `${known} ${NOT_RUN}` : `Something went wrong${logged}. ${NOT_RUN}`
}

/** describeError's text when it knows the error (not its generic line). */
function describeKnown(error: unknown): string | undefined {
  const text = describeError(error)
  return text === describeError(undefined) ? undefined : text
}

/** Replies to the message that it was not run; never rejects (a failed send is logged). */
export async function tellNotRun(
  deps: { outbox: Outbox; logger: Logger },
  place: ChatPlace,
  replyTo: number | undefined,
  error: unknown,
): Promise<void> {
  const ref = errorReporter(deps.logger, { chatId: place.chatId })(
    { err: error },
    'a message was not run',
  )
  await sendOrLog(
    deps,
    place.chatId,
    notRunText(error, ref),
    { replyTo, html: true, threadId: place.threadId },
    'could not tell the user a message failed',
  )
}
