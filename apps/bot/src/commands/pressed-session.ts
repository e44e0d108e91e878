import type { SessionMetadata } from '@switchboard/core'
import type { Context } from 'telegraf'
import { type BotDeps, ownerOf } from '../deps.js'
import { answerCallback } from './reply.js'

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
