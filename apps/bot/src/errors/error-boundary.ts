import type { Context, MiddlewareFn } from 'telegraf'
import { sendHtmlLater } from '../commands/reply.js'
import type { BotDeps } from '../deps.js'
import { placeOfUpdate, placeParams } from '../telegram/chat-place.js'
import { describeError, isUserError } from './describe-error.js'
import { newErrorRef, refSuffix } from './error-ref.js'

/**
 * First middleware: nothing a handler throws reaches Telegraf (which would stop polling on an
 * unhandled error). The user gets a short line saying what to do; the details go to the log.
 */
export function errorBoundary(deps: Pick<BotDeps, 'logger' | 'outbox'>): MiddlewareFn<Context> {
  return async (ctx, next) => {
    try {
      await next()
    } catch (error) {
      reportError(deps, ctx, error)
    }
  }
}

/** Logs `error` and tells the user in the chat the update came from. */
export function reportError(
  deps: Pick<BotDeps, 'logger' | 'outbox'>,
  ctx: Context,
  error: unknown,
): void {
  const where = { updateType: ctx.updateType, userId: ctx.from?.id, err: error }
  let text = describeError(error)
  if (isUserError(error)) deps.logger.info(where, 'request refused')
  else {
    // The bot's own failure: the chat names the log line's reference, never the details.
    const ref = newErrorRef()
    deps.logger.error({ ...where, errorRef: ref }, 'handler failed')
    text += refSuffix(ref)
  }
  const place = placeOfUpdate(ctx)
  // Button presses are answered by their handlers first thing, so only the chat is told here.
  if (place) sendHtmlLater(deps, place.chatId, text, placeParams(place))
}
