import type { SessionRef } from '@switchboard/process'
import type { CallbackHandler } from '../callbacks/callback-router.js'
import { type BotDeps, ownerOf } from '../deps.js'
import { escapeHtml } from '../render/html-escape.js'
import { refOf } from '../sessions/session-ref.js'
import { activeOrExplain } from './active.js'
import type { Command } from './command.js'
import { answerCallback } from './reply.js'

/**
 * /stop: the running turn ends for sure — interrupted, or, when Claude Code does not end it within a
 * few seconds (frozen), its process is killed and the session resumes with the next message. The
 * turn's own final message (the partial answer and "⏹ Stopped.", once) says so; this command adds
 * nothing unless there is nothing to stop, or messages wait behind it.
 */
export const stopCommand: Command = {
  name: 'stop',
  description: 'Stop the answer being written in the active session',
  usage: '/stop',
  async run(c) {
    const active = await activeOrExplain(c)
    if (!active) return
    const label = `<b>${escapeHtml(active.name)}</b>`
    const ref = refOf(active)
    const status = c.deps.pool.status(ref)
    if (!status.running) return c.reply(`Nothing is running in ${label}.`)
    // Not awaited: a frozen CLI takes the grace period, and handlers must return fast.
    stopInBackground(c.deps, ref)
    const queued = status.queueLength
    if (queued > 0)
      c.reply(`${queued} queued message${queued === 1 ? '' : 's'} in ${label} will run next.`)
  },
}

/** The stall notice's Stop button: stops that very turn, if it still runs. */
export function stopTurnCallback(deps: BotDeps): CallbackHandler<'stop_turn'> {
  return async (ctx, action) => {
    const query = ctx.callbackQuery
    if (!query) return
    const ref = { owner: ownerOf(query.from.id), id: action.sessionId }
    const running = deps.pool.status(ref).running
    answerCallback(deps, query.id, running ? 'Stopping…' : 'That turn has already ended.')
    if (running) stopInBackground(deps, ref, action.turnId)
  }
}

/**
 * Stops `ref`'s running turn (only turn `turnId`, when given) without waiting for it: /stop, the
 * stall notice's Stop button and Telegram's Stop button on a draft (conversation/generation-stop.ts).
 */
export function stopInBackground(
  deps: Pick<BotDeps, 'pool' | 'logger'>,
  ref: SessionRef,
  turnId?: string,
) {
  const startedAt = Date.now()
  deps.pool
    .stop(ref, turnId === undefined ? {} : { turnId })
    .then((outcome) =>
      deps.logger.info({ session: ref, outcome, ms: Date.now() - startedAt }, 'stop'),
    )
    .catch((error: unknown) => deps.logger.error({ err: error, session: ref }, 'stop failed'))
}
