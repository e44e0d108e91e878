import type { Context, MiddlewareFn } from 'telegraf'
import type { Logger } from '../logging/logger.js'
import { STOPPED_MESSAGE_GENERATION } from '../telegram/bot-api/generation-stopped.js'
import type { Outbox } from '../telegram/outbox.js'
import { RefusalLimiter } from './refusal-limiter.js'

export interface AllowListOptions {
  allowedUsers: ReadonlySet<number>
  logger: Logger
  /** The refusal goes through it like every other call (pacing, retries, deadlines). */
  outbox: Pick<Outbox, 'call'>
  limiter?: RefusalLimiter
}

/**
 * First middleware of the bot: updates from anyone not on the allow-list stop here. They create
 * nothing and start nothing; the sender gets one short refusal with their id at most once an hour.
 * The refusal is not awaited: a retried send must not hold the batch of updates.
 */
export function allowList(options: AllowListOptions): MiddlewareFn<Context> {
  const limiter = options.limiter ?? new RefusalLimiter()
  const { logger, outbox } = options
  return async (ctx, next) => {
    const from = ctx.from
    if (from && options.allowedUsers.has(from.id)) return next()
    const stopped = stoppedGenerationChat(ctx.update)
    if (stopped !== undefined) {
      // Stop on a draft: the update has a chat but no sender. A private chat's id is its user's.
      const { id, type } = stopped
      if (type === 'private' && id !== undefined && options.allowedUsers.has(id)) return next()
      // Silently: nobody pressed anything they could be told about.
      logger.info(
        { chatId: id, chatType: type, updateType: STOPPED_MESSAGE_GENERATION },
        'refused a Stop press from a chat that is not allowed',
      )
      return
    }

    logger.info(
      { userId: from?.id, username: from?.username, updateType: ctx.updateType },
      'refused update from a user who is not allowed',
    )
    const query = ctx.callbackQuery
    const refuse = from !== undefined && limiter.shouldRefuse(from.id)
    const text = `This bot is private. Your Telegram user id is ${from?.id}; the owner can add it to SWITCHBOARD_ALLOWED_USERS.`
    const sent = query
      ? outbox.call('answerCallbackQuery', {
          callback_query_id: query.id,
          ...(refuse ? { text: text.slice(0, 200), show_alert: true } : {}),
        })
      : refuse && ctx.chat
        ? outbox.call('sendMessage', { chat_id: ctx.chat.id, text })
        : undefined
    sent?.catch((error: unknown) =>
      logger.warn({ err: error, userId: from?.id }, 'could not send the refusal'),
    )
  }
}

/**
 * The chat of a stopped_message_generation update (id and type, as far as they can be read), or
 * undefined for an update of another kind. Full validation is the Stop handler's.
 */
function stoppedGenerationChat(update: unknown): { id?: number; type?: string } | undefined {
  if (typeof update !== 'object' || update === null) return undefined
  const body = (update as Record<string, unknown>)[STOPPED_MESSAGE_GENERATION]
  if (body === undefined) return undefined
  const chat = (body as { chat?: unknown } | null)?.chat
  if (typeof chat !== 'object' || chat === null) return {}
  const { id, type } = chat as { id?: unknown; type?: unknown }
  return {
    ...(typeof id === 'number' ? { id } : {}),
    ...(typeof type === 'string' ? { type } : {}),
  }
}
