import type { Context, MiddlewareFn } from 'telegraf'
import type { Logger } from '../logging/logger.js'
import type { Outbox } from '../telegram/outbox.js'
import { RefusalLimiter } from './refusal-limiter.js'

export const GROUP_REFUSAL =
  'Switchboard only works in a private chat: answers, files and permission prompts must not be seen by a group. Write to me directly.'

/**
 * Second gate, after the allow-list: only private chats. In a group, an allowed user's sessions —
 * Claude's answers, files, Allow/Deny prompts — would be visible to everyone there. The refusal
 * goes through the outbox and is not awaited (a retried send must not hold the batch of updates).
 */
export function privateChatsOnly(
  logger: Logger,
  outbox: Pick<Outbox, 'call'>,
  limiter = new RefusalLimiter(),
): MiddlewareFn<Context> {
  return async (ctx, next) => {
    const chat = ctx.chat
    if (!chat || chat.type === 'private') return next()
    logger.info(
      { chatId: chat.id, chatType: chat.type },
      'ignored an update from a non-private chat',
    )
    const query = ctx.callbackQuery
    const sent = query
      ? outbox.call('answerCallbackQuery', {
          callback_query_id: query.id,
          text: GROUP_REFUSAL.slice(0, 200),
        })
      : limiter.shouldRefuse(chat.id)
        ? outbox.call('sendMessage', { chat_id: chat.id, text: GROUP_REFUSAL })
        : undefined
    sent?.catch((error: unknown) =>
      logger.warn({ err: error, chatId: chat.id }, 'could not send the group refusal'),
    )
  }
}
