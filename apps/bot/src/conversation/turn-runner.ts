/**
 * Runs one turn for the user: consumes its events into the live progress, then delivers the final
 * answer (Markdown → Telegram HTML, split, plain-text fallback, `.md` when long) or ONE clear error
 * message. An answer from a session that is not the owner's active one when it finishes is labelled
 * with the session's name and carries a "Switch to <name>" button.
 */

import type { SessionManager } from '@switchboard/core'
import type { SessionRef, Turn, TurnResult } from '@switchboard/process'
import type { CallbackAction } from '../callbacks/callback-actions.js'
import type { CallbackStore } from '../callbacks/callback-store.js'
import type { Logger } from '../logging/logger.js'
import type { AuditLog } from '../permissions/audit-log.js'
import type { AnswerText } from '../render/answer-text.js'
import { deliverAnswer } from '../render/deliver-answer.js'
import type { LiveMode } from '../render/live-sinks.js'
import type { Outbox } from '../telegram/outbox.js'
import { type Consumed, consume } from './consume-turn.js'
import { LiveProgress } from './live-progress.js'
import { type SlotWaitProbe, watchSlotWait } from './slot-wait.js'
import { type InlineButton, sendText } from './telegram-calls.js'
import { describeResultError, describeTurnFailure, INTERRUPTED_SUBTYPE } from './turn-errors.js'

/** How long a "Switch to <name>" button under a background answer stays valid. */
const SWITCH_BUTTON_TTL_MS = 7 * 24 * 3_600_000

export interface TurnRunnerDeps {
  outbox: Outbox
  sessions: Pick<SessionManager, 'active' | 'readPersonaById' | 'sessionDirectory'>
  callbacks: CallbackStore<CallbackAction>
  audit: AuditLog
  logger: Logger
  mode: LiveMode
  claudePath: string
  progressDelayMs?: number
  liveIntervalMs?: number
  /** True while the bot shuts down: turns stopped by the shutdown are not reported as errors. */
  isClosing: () => boolean
  /** Whether a session's turn waits for a free Claude Code slot (the status to show). */
  slotWait?: SlotWaitProbe
  /** Told about each delivery (answer or error) so shutdown can wait for it. */
  trackDelivery?: (delivery: Promise<unknown>) => void
}

export interface TurnJob {
  ref: SessionRef
  userId: number
  chatId: number
  sessionName: string
  cwd: string
  turn: Turn
  /** Runs after the delivery, as part of it (shutdown waits for both): e.g. clear the in-flight record. */
  afterDelivery?: (outcome: TurnOutcome) => Promise<void>
}

/** 'told': the user got the answer or an error message; 'untold': they did not (shutdown, send failed). */
export type TurnOutcome = 'told' | 'untold'

export async function runTurn(deps: TurnRunnerDeps, job: TurnJob): Promise<TurnOutcome> {
  const isBackground = async () => {
    const active = await deps.sessions.active(job.ref.owner).catch(() => null)
    return active?.id !== job.ref.id
  }
  const progress = new LiveProgress({
    outbox: deps.outbox,
    chatId: job.chatId,
    sessionName: job.sessionName,
    cwd: job.cwd,
    mode: deps.mode,
    isBackground,
    logger: deps.logger,
    startDelayMs: deps.progressDelayMs,
    liveIntervalMs: deps.liveIntervalMs,
  })
  const stopWatching = deps.slotWait
    ? watchSlotWait(job.ref, job.turn, deps.slotWait, progress)
    : () => {}
  const consumed = await consume(deps, job, progress).finally(stopWatching)
  const { result, failure, streamed } = consumed
  const closing = deps.isClosing()
  if (closing && (failure !== undefined || result?.subtype === INTERRUPTED_SUBTYPE)) {
    await streamed.dispose()
    await progress.fail('interrupted by a restart')
    return 'untold'
  }
  const background = await isBackground()
  const delivery = deliver(deps, job, progress, consumed, background)
    .finally(() => streamed.dispose())
    .then(async (outcome) => {
      await job.afterDelivery?.(outcome)
      return outcome
    })
  deps.trackDelivery?.(delivery)
  return delivery
}

async function deliver(
  deps: TurnRunnerDeps,
  job: TurnJob,
  progress: LiveProgress,
  consumed: Consumed,
  background: boolean,
): Promise<TurnOutcome> {
  const { result, failure } = consumed
  const label = background ? `[${job.sessionName}]` : undefined
  const buttons = background ? switchButton(deps, job) : undefined
  try {
    const problem = result
      ? describeResultError(result, await limitsOf(deps, job, result))
      : describeTurnFailure(failure, deps.claudePath)
    if (problem !== undefined) {
      await progress.fail(result?.subtype === INTERRUPTED_SUBTYPE ? 'stopped' : 'failed')
      await sendText(deps.outbox, job.chatId, label ? `${label} ${problem}` : problem, { buttons })
      return 'told'
    }
    await progress.complete()
    const answer = answerOf(consumed)
    const spooled = answer === consumed.streamed
    deps.logger.debug({ sessionId: job.ref.id, chars: answer.length, spooled }, 'delivering')
    await deliverAnswer(deps.outbox, job.chatId, answer, {
      label,
      replyMarkup: buttons ? { inline_keyboard: buttons } : undefined,
    })
    return 'told'
  } catch (error) {
    deps.logger.error({ err: error, sessionId: job.ref.id }, 'could not deliver a turn’s outcome')
    return 'untold'
  }
}

/**
 * The CLI's final text when it has one, else what streamed. When the turn streamed exactly one text
 * block and the result's text has its length, the two are the same text: the spool is used, so a
 * long answer's `.md` is sent from disk.
 */
function answerOf({ result, streamed, textBlocks }: Consumed): string | AnswerText {
  if (result?.text === undefined) return streamed
  const same = textBlocks === 1 && streamed.spooled && streamed.length === result.text.length
  return same ? streamed : result.text
}

async function limitsOf(deps: TurnRunnerDeps, job: TurnJob, result: TurnResult) {
  if (result.subtype !== 'error_max_turns' && result.subtype !== 'error_max_budget_usd') return {}
  try {
    const persona = await deps.sessions.readPersonaById(job.ref.owner, job.ref.id)
    return { maxTurns: persona.settings.maxTurns, maxBudgetUsd: persona.settings.maxBudgetUsd }
  } catch {
    return {}
  }
}

function switchButton(deps: TurnRunnerDeps, job: TurnJob): InlineButton[][] {
  const { data } = deps.callbacks.create(
    job.userId,
    [{ type: 'switch', sessionId: job.ref.id }],
    SWITCH_BUTTON_TTL_MS,
  )
  return [[{ text: `Switch to ${job.sessionName}`, callback_data: data[0] ?? '' }]]
}
