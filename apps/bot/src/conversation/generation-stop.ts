/**
 * Telegram's Stop button on a draft (stopped_message_generation, Bot API 10.3): stops the turn that
 * owns that draft, exactly as /stop does. The update names the chat and the draft id (its topic is
 * only informational: draft ids are unique per chat and turn). A press on a draft of no running turn
 * (an old one, or one from before a restart) is logged and ignored; a malformed update is logged.
 * A turn that does not run yet is stopped as soon as it does.
 */

import type { Context, MiddlewareFn } from 'telegraf'
import type { BotDeps } from '../deps.js'
import { parseMessageGenerationStopped } from '../telegram/bot-api/generation-stopped.js'
import { type DraftOwner, type DraftRegistry, liveDrafts } from './draft-registry.js'

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
    if (pending.has(owner)) return // a second press while the first waits for the turn to run
    pending.add(owner)
    const { chat, draft_id: draftId } = stopped
    void stopOnceRunning(deps, owner, () => drafts.lookup(chat.id, draftId))
      .catch((error: unknown) =>
        logger.error({ err: error, session: owner.ref }, 'stop on a draft failed'),
      )
      .finally(() => pending.delete(owner))
  }
}

/** While a turn that is not running yet is asked again whether it runs (it is cheap). */
export const PENDING_STOP_POLL_MS = 500
/** A bound, should a turn never unregister its draft. */
const PENDING_STOP_MAX_MS = 30 * 60_000

/** Turns whose Stop waits for them to run: one wait per turn, however often Stop is pressed. */
const pending = new WeakSet<DraftOwner>()

/**
 * Stops the owner's turn. A turn whose draft shows but that does not run yet (it waits for a
 * Claude Code slot, or its CLI is starting) would ignore a stop, and run to the end with its
 * live view halted: the stop is tried again until the turn runs, or ends (its draft is then no
 * longer registered). The turn id guards the next turn of the session.
 */
async function stopOnceRunning(
  deps: Pick<BotDeps, 'pool' | 'logger'>,
  owner: DraftOwner,
  current: () => DraftOwner | undefined,
): Promise<void> {
  const { ref, turnId } = owner
  const startedAt = Date.now()
  for (;;) {
    const outcome = await deps.pool.stop(ref, { turnId })
    if (outcome !== 'none' || current() !== owner) {
      deps.logger.info({ session: ref, outcome, ms: Date.now() - startedAt }, 'stop')
      return
    }
    if (Date.now() - startedAt > PENDING_STOP_MAX_MS) return
    await new Promise((resolve) => setTimeout(resolve, PENDING_STOP_POLL_MS).unref())
    if (current() !== owner) return
  }
}
