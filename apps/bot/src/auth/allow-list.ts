import type { Context, MiddlewareFn } from 'telegraf'
import type { Logger } from '../logging/logger.js'
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
