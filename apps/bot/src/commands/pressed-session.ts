import type { SessionMetadata } from '@switchboard/core'
import type { Context } from 'telegraf'
import { type BotDeps, ownerOf } from '../deps.js'
import { placeOfUpdate, placeParams } from '../telegram/chat-place.js'
import { answerCallback, sendHtmlLater } from './reply.js'

export interface PressedSession {
  query: NonNullable<Context['callbackQuery']>
  chatId: number
  owner: string
  meta: SessionMetadata
}

/**
 * The session a button names (switch, open topic), of the user who pressed it; undefined after
 * telling them it no longer exists (other failures throw to the error boundary).
 */
export async function pressedSession(
  deps: Pick<BotDeps, 'sessions' | 'outbox' | 'logger'>,
  ctx: Context,
  sessionId: string,
): Promise<PressedSession | undefined> {
  const query = ctx.callbackQuery
  const chatId = ctx.chat?.id
  if (!query || chatId === undefined) return undefined
  const owner = ownerOf(query.from.id)
  try {
    return { query, chatId, owner, meta: await deps.sessions.getById(owner, sessionId) }
  } catch (error) {
    if ((error as { code?: unknown }).code !== 'SESSION_NOT_FOUND') throw error
    answerCallback(deps, query.id, 'That session no longer exists.')
    return undefined
  }
}

/**
 * After a press: drops the pressed message's buttons (its list or offer was answered), and replies
 * with `html` in the chat (and topic) the button was in.
 */
export function settlePress(
  deps: Pick<BotDeps, 'outbox' | 'logger'>,
  ctx: Context,
  pressed: Pick<PressedSession, 'query' | 'chatId'>,
  html: string,
): void {
  const { query, chatId } = pressed
  const message = query.message
  if (message && 'reply_markup' in message && message.reply_markup) {
    deps.outbox
      .call('editMessageReplyMarkup', { chat_id: chatId, message_id: message.message_id })
      .catch((error: unknown) => deps.logger.debug({ err: error }, 'could not remove buttons'))
  }
  const here = placeOfUpdate(ctx)
  sendHtmlLater(deps, chatId, html, here ? placeParams(here) : {})
}
