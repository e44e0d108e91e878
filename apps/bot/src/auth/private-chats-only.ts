import type { Context, MiddlewareFn } from 'telegraf'
import type { Logger } from '../logging/logger.js'
import { RefusalLimiter } from './refusal-limiter.js'

export const GROUP_REFUSAL =
  'Switchboard only works in a private chat: answers, files and permission prompts must not be seen by a group. Write to me directly.'

/**
 * Second gate, after the allow-list: only private chats. In a group, an allowed user's sessions —
 * Claude's answers, files, Allow/Deny prompts — would be visible to everyone there.
 */
export function privateChatsOnly(
  logger: Logger,
  limiter = new RefusalLimiter(),
): MiddlewareFn<Context> {
  return async (ctx, next) => {
    const chat = ctx.chat
    if (!chat || chat.type === 'private') return next()
    logger.info(
      { chatId: chat.id, chatType: chat.type },
      'ignored an update from a non-private chat',
    )
    if (ctx.callbackQuery) {
      await ctx.answerCbQuery(GROUP_REFUSAL.slice(0, 200)).catch(() => undefined)
      return
    }
    if (!limiter.shouldRefuse(chat.id)) return
    try {
      await ctx.telegram.sendMessage(chat.id, GROUP_REFUSAL)
    } catch (error) {
      logger.warn({ err: error, chatId: chat.id }, 'could not send the group refusal')
    }
  }
}
