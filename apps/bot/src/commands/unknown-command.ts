import type { Context, MiddlewareFn } from 'telegraf'
import { type BotDeps, ownerOf } from '../deps.js'
import { quoteHtml } from '../render/truncate.js'
import { sessionOfPlace } from '../sessions/active-session.js'
import { placeOf, placeParams, threadOf } from '../telegram/chat-place.js'
import { cliCommandText, sessionCliCommands } from './cli-commands.js'
import { sendHtmlLater } from './reply.js'

/** Said when the session's CLI commands are not known yet (no process of it announced them). */
const NOT_KNOWN_YET =
  ' The session’s Claude Code commands are known once it has run: send it a message, then try again.'

/**
 * Registered after every command. A command none of them took that is one of the session's Claude Code
 * commands (by its Telegram name, cli-names.ts) goes on as a prompt, written as in a terminal
 * (`/review_pr 12` → `/review-pr 12`), to the conversation handlers. Any other gets a reply naming it,
 * instead of silence. A command addressed to another bot in a group (`/x@other_bot`) is left alone.
 */
export function unknownCommand(
  deps: Pick<BotDeps, 'outbox' | 'logger' | 'sessions' | 'topics' | 'pool'>,
  botNames: readonly string[],
): MiddlewareFn<Context> {
  return async (ctx, next) => {
    const message = ctx.message
    const entity = message && 'entities' in message ? message.entities?.[0] : undefined
    if (!message || !('text' in message) || entity?.type !== 'bot_command' || entity.offset !== 0)
      return next()
    const [command = '', addressee] = message.text.slice(1, entity.length).split('@')
    const me = ctx.botInfo?.username
    if (addressee !== undefined && addressee.toLowerCase() !== me?.toLowerCase()) return
    const place = placeOf(message.chat.id, threadOf(ctx))
    const found = ctx.from
      ? await sessionOfPlace(deps, ownerOf(ctx.from.id), place)
      : { kind: 'unbound' as const }
    const meta = found.kind === 'unbound' ? null : found.meta
    const known = meta ? await sessionCliCommands(deps, meta, botNames) : undefined
    const entry = known?.find((e) => e.telegram === command.toLowerCase())
    if (entry) {
      const text = cliCommandText(entry, message.text.slice(entity.length).trim())
      deps.logger.debug({ command, cli: entry.cli }, 'Claude Code command passed through')
      // The conversation handlers take it as a prompt once no bot_command entity leads it (the other
      // entities' offsets no longer fit the new text: a prompt is read as plain text anyway).
      Object.assign(message, { text, entities: [] })
      return next()
    }
    const hint = meta && known === undefined ? NOT_KNOWN_YET : ''
    sendHtmlLater(
      deps,
      message.chat.id,
      `There is no command /${quoteHtml(command, 64)}. /help lists the commands.${hint}`,
      placeParams(place),
    )
  }
}
