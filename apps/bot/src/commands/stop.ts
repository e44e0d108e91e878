import type { SessionRef } from '@switchboard/process'
import type { CallbackAction } from '../callbacks/callback-actions.js'
import type { CallbackHandler } from '../callbacks/callback-router.js'
import { STOP_BUTTON_TTL_MS } from '../conversation/stop-button.js'
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
    // Not running yet, with a turn waiting: its Claude Code is starting (or waits for a slot) while
    // the chat already shows "working…". It is stopped as soon as it runs.
    const starting = !status.running && status.queueLength > 0
    if (!status.running && !starting) return c.reply(`Nothing is running in ${label}.`)
    // Not awaited: a frozen CLI takes the grace period, and handlers must return fast.
    if (starting) stopOnceRunning(c.deps, ref)
    else stopInBackground(c.deps, ref)
    const queued = status.queueLength - (starting ? 1 : 0)
    if (queued > 0)
      c.reply(`${queued} queued message${queued === 1 ? '' : 's'} in ${label} will run next.`)
  },
}

/**
 * A Stop button (progress message, stall notice): stops that very turn, if it still runs. The button
 * stays pressable until its turn ends (its owner expires it then): a press while the turn is stopping
 * says so instead of "expired".
 */
export function stopTurnCallback(deps: BotDeps): CallbackHandler<'stop_turn'> {
  return async (ctx, action, group) => {
    const query = ctx.callbackQuery
    if (!query) return
    const ref = { owner: ownerOf(query.from.id), id: action.sessionId }
    const { running, queueLength } = deps.pool.status(ref)
    // Not running with turns waiting: the pressed turn may still be starting (a progress message's
    // Stop shows from its first "working…"); it is stopped once it runs, if it is that turn.
    const starting = !running && queueLength > 0
    if (!running && !starting) return answerCallback(deps, query.id, 'That turn has already ended.')
    answerCallback(deps, query.id, action.stopping ? 'Already stopping…' : 'Stopping…')
    const pressed: CallbackAction = { ...action, stopping: true }
    deps.callbacks.restore(group, query.from.id, [pressed], Date.now() + STOP_BUTTON_TTL_MS)
    if (action.stopping) return
    if (running) stopInBackground(deps, ref, action.turnId)
    else stopOnceRunning(deps, ref, action.turnId)
  }
}

/** While a turn that does not run yet is asked again whether it runs (cheap: in memory). */
const STARTING_POLL_MS = 200
/** A bound: a CLI that takes longer than this to start is not waited for. */
const STARTING_MAX_MS = 2 * 60_000

/**
 * Stops the session's next turn (turn `turnId`, when given) once it runs; gives up when no turn
 * runs or waits any more.
 */
function stopOnceRunning(
  deps: Pick<BotDeps, 'pool' | 'logger'>,
  ref: SessionRef,
  turnId?: string,
): void {
  const startedAt = Date.now()
  const attempt = async (): Promise<void> => {
    const outcome = await deps.pool.stop(ref, turnId === undefined ? {} : { turnId })
    if (outcome !== 'none') {
      deps.logger.info({ session: ref, outcome, ms: Date.now() - startedAt }, 'stop')
      return
    }
    const { running, queueLength } = deps.pool.status(ref)
    if ((!running && queueLength === 0) || Date.now() - startedAt > STARTING_MAX_MS) return
    await new Promise((resolve) => setTimeout(resolve, STARTING_POLL_MS).unref())
    return attempt()
  }
  attempt().catch((error: unknown) =>
    deps.logger.error({ err: error, session: ref }, 'stop failed'),
  )
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
