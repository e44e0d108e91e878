import type { Context, MiddlewareFn } from 'telegraf'
import type { Logger } from '../logging/logger.js'
import { RefusalLimiter } from './refusal-limiter.js'

export interface AllowListOptions {
  allowedUsers: ReadonlySet<number>
  logger: Logger
  limiter?: RefusalLimiter
}

/**
 * First middleware of the bot: updates from anyone not on the allow-list stop here. They create
 * nothing and start nothing; the sender gets one short refusal with their id at most once an hour.
 */
export function allowList(options: AllowListOptions): MiddlewareFn<Context> {
  const limiter = options.limiter ?? new RefusalLimiter()
  return async (ctx, next) => {
    const from = ctx.from
    if (from && options.allowedUsers.has(from.id)) return next()

    options.logger.info(
      { userId: from?.id, username: from?.username, updateType: ctx.updateType },
      'refused update from a user who is not allowed',
    )
    if (!from || !limiter.shouldRefuse(from.id)) {
      if (ctx.callbackQuery) await ctx.answerCbQuery().catch(() => undefined)
      return
    }
    const text = `This bot is private. Your Telegram user id is ${from.id}; the owner can add it to SWITCHBOARD_ALLOWED_USERS.`
    try {
      if (ctx.callbackQuery) await ctx.answerCbQuery(text.slice(0, 200), { show_alert: true })
      else if (ctx.chat) await ctx.telegram.sendMessage(ctx.chat.id, text)
    } catch (error) {
      options.logger.warn({ err: error, userId: from.id }, 'could not send the refusal')
    }
  }
}
