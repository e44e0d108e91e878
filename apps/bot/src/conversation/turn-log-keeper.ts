/** Keeps a finished turn's log on disk (/log) and gives its message a "Full output" button when it has outputs. */

import type { CallbackAction } from '../callbacks/callback-actions.js'
import type { CallbackStore } from '../callbacks/callback-store.js'
import type { Logger } from '../logging/logger.js'
import { hasOutputs } from '../render/turn-log-html.js'
import type { KeepLog } from './progress-log.js'
import { type TurnLogStore, turnLogs } from './turn-log-store.js'
import type { TurnJob, TurnRunnerDeps } from './turn-runner.js'

export const FULL_OUTPUT_LABEL = '📄 Full output'
/** The button outlives the turn by a day; /log still has the outputs after that (or a restart). */
export const FULL_OUTPUT_TTL_MS = 24 * 60 * 60 * 1000

export interface KeeperDeps {
  callbacks: CallbackStore<CallbackAction>
  logger: Logger
  sessionDirectory: string
  userId: number
  sessionId: string
  sessionName: string
  turnId: string
  store?: TurnLogStore
}

export function turnLogKeeper(d: KeeperDeps): KeepLog {
  return async ({ tools, summary }) => {
    const turn = {
      turnId: d.turnId,
      sessionName: d.sessionName,
      at: new Date().toISOString(),
      summary,
      tools,
    }
    await (d.store ?? turnLogs).save(d.sessionDirectory, turn, d.logger)
    if (!hasOutputs(tools)) return undefined
    const action: CallbackAction = { type: 'turn_output', sessionId: d.sessionId, turnId: d.turnId }
    const { data } = d.callbacks.create(d.userId, [action], FULL_OUTPUT_TTL_MS)
    return [[{ text: FULL_OUTPUT_LABEL, callback_data: data[0] ?? '' }]]
  }
}

/** The keeper of `job`'s log. */
export function keeperOf(deps: TurnRunnerDeps, job: TurnJob): KeepLog {
  return turnLogKeeper({
    callbacks: deps.callbacks,
    logger: deps.logger,
    sessionDirectory: deps.sessions.sessionDirectory(job.ref.owner, job.ref.id),
    userId: job.userId,
    sessionId: job.ref.id,
    sessionName: job.sessionName,
    turnId: job.turn.id,
  })
}
