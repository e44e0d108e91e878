/**
 * Telegram's Stop button on a draft (stopped_message_generation, Bot API 10.3): stops the turn that
 * owns that draft, exactly as /stop does. The update names the chat and the draft id (its topic is
 * only informational: draft ids are unique per chat and turn). A press on a draft of no running turn
 * (an old one, or one from before a restart) is logged and ignored; a malformed update is logged.
 */

import type { Context, MiddlewareFn } from 'telegraf'
import { stopInBackground } from '../commands/stop.js'
import type { BotDeps } from '../deps.js'
import { parseMessageGenerationStopped } from '../telegram/bot-api/generation-stopped.js'
import { type DraftRegistry, liveDrafts } from './draft-registry.js'

export function generationStopHandler(
  deps: Pick<BotDeps, 'pool' | 'logger'>,
  drafts: DraftRegistry = liveDrafts,
): MiddlewareFn<Context> {
  const { logger } = deps
  return async (ctx, next) => {
    let stopped: ReturnType<typeof parseMessageGenerationStopped>
    try {
      stopped = parseMessageGenerationStopped(ctx.update)
    } catch (error) {
      logger.warn({ err: error }, 'ignored a malformed Stop update')
      return
    }
    if (stopped === undefined) return next()
    const where = {
      chatId: stopped.chat.id,
      threadId: stopped.message_thread_id,
      draftId: stopped.draft_id,
    }
    const owner = drafts.lookup(stopped.chat.id, stopped.draft_id)
    if (!owner) {
      logger.info(where, 'Stop pressed on a draft of no running turn: ignored')
      return
    }
    logger.info({ ...where, session: owner.ref, turnId: owner.turnId }, 'Stop pressed on a draft')
    owner.halt()
    stopInBackground(deps, owner.ref, owner.turnId)
  }
}
