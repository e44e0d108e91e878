import type { Context, MiddlewareFn } from 'telegraf'
import type { BotDeps } from '../deps.js'
import { quoteHtml } from '../render/truncate.js'
import { placeOf, placeParams, threadOf } from '../telegram/chat-place.js'
import { sendHtmlLater } from './reply.js'

/**
 * Registered after every command: a message that starts with a command none of them took gets a
 * reply naming it, instead of silence (it is not a prompt either). A command addressed to another
 * bot in a group (`/x@other_bot`) is left alone.
 */
export function unknownCommand(deps: Pick<BotDeps, 'outbox' | 'logger'>): MiddlewareFn<Context> {
  return async (ctx, next) => {
    const message = ctx.message
    const entity = message && 'entities' in message ? message.entities?.[0] : undefined
    if (!message || !('text' in message) || entity?.type !== 'bot_command' || entity.offset !== 0)
      return next()
    const [command = '', addressee] = message.text.slice(1, entity.length).split('@')
    const me = ctx.botInfo?.username
    if (addressee !== undefined && addressee.toLowerCase() !== me?.toLowerCase()) return
    sendHtmlLater(
      deps,
      message.chat.id,
      `There is no command /${quoteHtml(command, 64)}. /help lists the commands.`,
      placeParams(placeOf(message.chat.id, threadOf(ctx))),
    )
  }
}
