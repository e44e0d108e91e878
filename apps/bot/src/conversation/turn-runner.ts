/**
 * Runs one turn for the user: consumes its events into the live progress, then delivers the final
 * answer (Markdown → Telegram HTML, split, plain-text fallback, `.md` when long) or ONE clear error
 * message — journaled first and delivered by the chat's line of finals (final-delivery.ts), which
 * retries for as long as it takes, also across restarts. An answer from a session that is not the owner's active one when it finishes is labelled
 * with the session's name and carries a "Switch to <name>" button.
 */

import type { SessionManager } from '@switchboard/core'
import type { SessionRef, Turn } from '@switchboard/process'
import type { CallbackAction } from '../callbacks/callback-actions.js'
import type { CallbackStore } from '../callbacks/callback-store.js'
import { freshConversationButton } from '../errors/fresh-conversation.js'
import type { Logger } from '../logging/logger.js'
import type { AuditLog } from '../permissions/audit-log.js'
import type { LiveMode } from '../render/live-sinks.js'
import { placeOf } from '../telegram/chat-place.js'
import type { Outbox } from '../telegram/outbox.js'
import { stopOnAuthRetry } from './auth-retry-stop.js'
import { type Consumed, consume } from './consume-turn.js'
import { type ComposedFinal, composeFinal } from './final-compose.js'
import { FinalDelivery, type FinalTicket, type PendingFinal } from './final-delivery.js'
import { LiveProgress } from './live-progress.js'
import type { AllowRulesOf } from './rule-allowed.js'
import { type SlotWaitProbe, watchSlotWait } from './slot-wait.js'
import { StopButton } from './stop-button.js'
import type { InlineButton } from './telegram-calls.js'
import { INTERRUPTED_SUBTYPE } from './turn-errors.js'
import { keeperOf } from './turn-log-keeper.js'

/** How long a "Switch to <name>" button under a background answer stays valid. */
const SWITCH_BUTTON_TTL_MS = 7 * 24 * 3_600_000
/** How long a final waits for the live progress to be tidied away before it goes anyway. */
const TIDY_WAIT_MS = 3_000

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
  /** Journals and delivers final outcomes; default one in memory only (tests). */
  finals?: FinalDelivery
  /** A session's remembered "Always" rules: calls they allowed are marked in the turn log. */
  allowRules?: AllowRulesOf
  /** Stops a running turn (the pool's stop): cuts short a turn whose API refuses the credentials. */
  stopTurn?: (ref: SessionRef, turnId: string) => Promise<unknown>
  /** 401/403 retries let run before that (default none; see startup/cli-check.ts). */
  authRetriesAllowed?: () => number
}

export interface TurnJob {
  ref: SessionRef
  userId: number
  chatId: number
  /** The topic the turn answers in (private chats with topics). */
  threadId?: number
  sessionName: string
  cwd: string
  turn: Turn
  /** Runs after the delivery, as part of it (shutdown waits for both): e.g. remove the inbox entry. */
  afterDelivery?: (outcome: TurnOutcome) => Promise<void>
  /** The turn's final outcome is durably on disk (before its first delivery attempt). */
  onOutcomeSaved?: () => Promise<void>
  /** The live progress message appeared (or was replaced): its id, so a restart can edit it. */
  onShown?: (messageId: number) => void
}

/** 'told': the user got the answer or an error message; 'untold': they did not (shutdown, send failed). */
export type TurnOutcome = 'told' | 'untold'

export async function runTurn(deps: TurnRunnerDeps, given: TurnJob): Promise<TurnOutcome> {
  const job = watchAuth(deps, given)
  const finals = finalsOf(deps)
  const place = placeOf(job.chatId, job.threadId)
  // In its own topic a session is never "in the background": the topic says whose answer it is.
  const isBackground = async () => {
    if (job.threadId !== undefined) return false
    const active = await deps.sessions.active(job.ref.owner).catch(() => null)
    return active?.id !== job.ref.id
  }
  const progress = new LiveProgress({
    outbox: deps.outbox,
    chatId: job.chatId,
    threadId: job.threadId,
    sessionName: job.sessionName,
    cwd: job.cwd,
    mode: deps.mode,
    isBackground,
    logger: deps.logger,
    startDelayMs: deps.progressDelayMs,
    liveIntervalMs: deps.liveIntervalMs,
    onShown: job.onShown,
    turn: { ref: job.ref, turnId: job.turn.id },
    stopButton: new StopButton({
      callbacks: deps.callbacks,
      userId: job.userId,
      sessionId: job.ref.id,
      turnId: job.turn.id,
    }),
    keepLog: keeperOf(deps, job),
    // Progress never overtakes a final still on its way to this chat (e.g. resumed after a restart).
    ready: () => (finals.busy(place) ? finals.idle(place) : undefined),
  })
  const stopWatching = deps.slotWait
    ? watchSlotWait(job.ref, job.turn, deps.slotWait, progress)
    : () => {}
  const consumed = await consume(deps, job, progress).finally(stopWatching)
  // No view may open from now on: it would wait for this turn's own final (ready), which waits
  // for the view — a view opened later than this would hold the answer back.
  progress.eventsEnded()
  const { result, failure, streamed } = consumed
  const closing = deps.isClosing()
  if (closing && (failure !== undefined || result?.subtype === INTERRUPTED_SUBTYPE)) {
    await streamed.dispose()
    await progress.fail('interrupted by a restart')
    return 'untold'
  }
  // The chat's place in line is taken as the turn finishes: finals go out in that order.
  const ticket = finals.reserve(place)
  const background = await isBackground()
  const delivery = deliver(deps, job, progress, consumed, background, ticket)
    .finally(() => streamed.dispose())
    .then(async (outcome) => {
      await job.afterDelivery?.(outcome)
      return outcome
    })
  deps.trackDelivery?.(delivery)
  return delivery
}

/**
 * Journals the outcome (before any attempt), tidies the live progress, then hands the outcome to
 * the chat's line of finals, which delivers it for as long as it takes.
 */
async function deliver(
  deps: TurnRunnerDeps,
  job: TurnJob,
  progress: LiveProgress,
  consumed: Consumed,
  background: boolean,
  ticket: FinalTicket,
): Promise<TurnOutcome> {
  const log = { sessionId: job.ref.id }
  let composed: ComposedFinal
  let final: PendingFinal
  try {
    composed = await composeFinal(
      deps,
      job,
      consumed,
      background ? `[${job.sessionName}]` : undefined,
      { partialWithError: await progress.partialOnlyInDraft() },
    )
    final = await ticket.persist({
      dir: deps.sessions.sessionDirectory(job.ref.owner, job.ref.id),
      owner: job.ref.owner,
      sessionId: job.ref.id,
      chatId: job.chatId,
      ...(job.threadId === undefined ? {} : { threadId: job.threadId }),
      kind: composed.kind,
      items: composed.items,
      document: composed.document,
      replyMarkup: keyboardOf([
        ...(background ? switchButton(deps, job) : []),
        ...(composed.offerFresh ? freshConversationButton(deps, job) : []),
      ]),
    })
  } catch (error) {
    ticket.cancel()
    deps.logger.error({ err: error, ...log }, 'could not prepare a turn’s outcome')
    await progress.fail('failed').catch(() => undefined)
    return 'untold'
  }
  if (final.durable) {
    await job
      .onOutcomeSaved?.()
      .catch((error: unknown) =>
        deps.logger.warn({ err: error, ...log }, 'could not mark a turn’s outcome as saved'),
      )
  }
  const status = composed.progressStatus
  const tidy = (status ? progress.fail(status) : progress.complete()).catch((error: unknown) =>
    deps.logger.debug({ err: error, ...log }, 'could not tidy the progress message'),
  )
  // Normally the progress is gone before the answer appears; a tidy stuck on an outage does not
  // hold the final back (its calls are queued by then, so the chat's order stays the same).
  await Promise.race([tidy, delay(TIDY_WAIT_MS)])
  const { id, items } = final.record
  const fields = { ...log, finalId: id, items: items.length, durable: final.durable }
  deps.logger.debug({ ...fields, ...composed.answer }, 'delivering')
  return ticket.deliver(final)
}

/** Runner deps built without a FinalDelivery (tests) share one that keeps finals in memory. */
const memoryFinals = new WeakMap<TurnRunnerDeps, FinalDelivery>()

function finalsOf(deps: TurnRunnerDeps): FinalDelivery {
  if (deps.finals) return deps.finals
  let finals = memoryFinals.get(deps)
  if (!finals) {
    finals = new FinalDelivery({ outbox: deps.outbox, logger: deps.logger })
    memoryFinals.set(deps, finals)
  }
  return finals
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref())
}

/** A 401/403 retry stops the turn at once (auth-retry-stop.ts), when the runner can stop turns. */
function watchAuth(deps: TurnRunnerDeps, job: TurnJob): TurnJob {
  const { stopTurn } = deps
  if (!stopTurn) return job
  const stop = () => {
    deps.logger.info({ sessionId: job.ref.id }, 'API refused the credentials: stopping the turn')
    stopTurn(job.ref, job.turn.id).catch((error: unknown) =>
      deps.logger.error({ err: error, sessionId: job.ref.id }, 'could not stop the turn'),
    )
  }
  return { ...job, turn: stopOnAuthRetry(job.turn, stop, deps.authRetriesAllowed?.() ?? 0) }
}

function keyboardOf(rows: InlineButton[][]) {
  return rows.length > 0 ? { inline_keyboard: rows } : undefined
}

function switchButton(deps: TurnRunnerDeps, job: TurnJob): InlineButton[][] {
  const { data } = deps.callbacks.create(
    job.userId,
    [{ type: 'switch', sessionId: job.ref.id }],
    SWITCH_BUTTON_TTL_MS,
  )
  return [[{ text: `Switch to ${job.sessionName}`, callback_data: data[0] ?? '' }]]
}
