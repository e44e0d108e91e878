/**
 * Delivers turns' final outcomes (answer, error, "Stopped.") and never gives up on one. Each chat
 * has one line: finals go out in the order their turns finished, one at a time, each item (part,
 * `.md`) after the previous one was confirmed. A failure that outlasts the outbox's own retries is
 * retried with capped backoff for as long as it takes; the journal (FinalJournal) keeps what is
 * not confirmed, so a restart resumes with exactly the missing items. On shutdown, nothing waits
 * for a retry any more; an item on the wire may still land and be recorded.
 */

import { basename, dirname } from 'node:path'
import type { Logger } from '../logging/logger.js'
import { type ChatPlace, placeKey, placeOf } from '../telegram/chat-place.js'
import { type Clock, systemClock } from '../telegram/clock.js'
import type { Outbox } from '../telegram/outbox.js'
import type { FinalJournal } from './final-journal.js'
import type { FinalItem, FinalKind, FinalRecord } from './final-record.js'
import {
  classifyFinalFailure,
  DEFAULT_FINAL_BACKOFF,
  type FinalBackoff,
  finalRetryDelay,
} from './final-retry.js'
import { FinalSender, type PendingFinal, persistFinal } from './final-send.js'
import { WakeableWaits, within } from './final-waits.js'
import type { TurnOutcome } from './turn-runner.js'

export type { PendingFinal } from './final-send.js'

export interface FinalDeliveryOptions {
  outbox: Outbox
  /** Where finals are journaled; without one they live in memory only (tests). */
  journal?: FinalJournal
  logger: Logger
  backoff?: Partial<FinalBackoff>
  random?: () => number
  clock?: Clock
}

/** What a turn hands over once its outcome is known. */
export interface FinalInput {
  dir: string
  owner: string
  sessionId: string
  chatId: number
  /** The topic it goes to (private chats with topics). */
  threadId?: number
  kind: FinalKind
  items: FinalItem[]
  replyMarkup?: Record<string, unknown>
  /** The document's bytes, when `items` has a document. */
  document?: Buffer
}

/** A place in a chat's (or topic's) line, taken when the turn finished (so finals keep that order). */
export interface FinalTicket {
  readonly place: ChatPlace
  /** Journals `input` (or keeps it in memory when the disk refuses); never throws. */
  persist(input: FinalInput): Promise<PendingFinal>
  /** Starts (or queues) the delivery; resolves 'told' once all is confirmed, 'untold' at shutdown. */
  deliver(final: PendingFinal): Promise<TurnOutcome>
  /** The turn has nothing to deliver after all: the line moves on. */
  cancel(): void
}

export class FinalDelivery {
  /** Per place (placeKey): topics of one chat each have their own line, so they answer side by side. */
  private readonly tails = new Map<string, Promise<TurnOutcome>>()
  private readonly waits: WakeableWaits
  private readonly runs = new Set<Promise<TurnOutcome>>()
  private readonly sender: FinalSender
  private readonly backoff: FinalBackoff
  private readonly clock: Clock
  private seq = 0
  /** Shutting down: no more waiting for retries. */
  private closing = false

  constructor(private readonly options: FinalDeliveryOptions) {
    this.sender = new FinalSender(options)
    this.backoff = { ...DEFAULT_FINAL_BACKOFF, ...options.backoff }
    this.clock = options.clock ?? systemClock
    this.waits = new WakeableWaits(this.clock)
  }

  reserve(place: ChatPlace): FinalTicket {
    const key = placeKey(place)
    const { chatId } = place
    const finishedAt = this.clock.now()
    const seq = this.seq++
    let fill: (final: PendingFinal | undefined) => void = () => {}
    const filled = new Promise<PendingFinal | undefined>((resolve) => {
      fill = resolve
    })
    const before = this.tails.get(key) ?? Promise.resolve<TurnOutcome>('told')
    const done = before
      .then(async (previous) => {
        const final = await filled
        if (!final) return previous // a cancelled place passes the previous outcome on
        // At shutdown, once one final of a chat stays behind, the later ones must too (order).
        if (this.closing && previous === 'untold') return this.sender.keep(final)
        return this.run(final)
      })
      .catch((error: unknown) => {
        this.options.logger.error({ err: error, chatId }, 'final delivery failed unexpectedly')
        return 'untold' as const
      })
    this.tails.set(key, done)
    this.runs.add(done)
    void done.finally(() => {
      this.runs.delete(done)
      if (this.tails.get(key) === done) this.tails.delete(key)
    })
    return {
      place,
      persist: (input) => persistFinal(this.options, input, { finishedAt, seq }),
      deliver: (final) => {
        fill(final)
        return done
      },
      cancel: () => fill(undefined),
    }
  }

  /** Queues every journaled final of `dirs` (oldest first, per chat); resolves once all are queued. */
  async resumePending(dirs: readonly string[]): Promise<number> {
    const journal = this.options.journal
    if (!journal) return 0
    const found: PendingFinal[] = []
    for (const dir of dirs) {
      for (const record of await journal.load(dir)) {
        if (belongsTo(dir, record)) found.push({ dir, record, durable: true })
        else
          this.options.logger.error(
            { dir, finalId: record.id },
            'a pending final answer is not of this session or chat; not delivered',
          )
      }
    }
    found.sort((a, b) => a.record.finishedAt - b.record.finishedAt || a.record.seq - b.record.seq)
    for (const final of found) {
      const { chatId, threadId } = final.record
      void this.reserve(placeOf(chatId, threadId)).deliver(final)
    }
    if (found.length > 0)
      this.options.logger.info({ pending: found.length }, 'resuming undelivered final answers')
    return found.length
  }

  /** The chat is reachable again (its user just wrote): retry its waiting final now. */
  nudge(chatId: number): void {
    this.waits.wake(chatId)
  }

  /** Resolves once the finals queued so far for `place` are delivered (or kept at shutdown). */
  async idle(place: ChatPlace): Promise<void> {
    await this.tails.get(placeKey(place))
  }

  /** Whether finals are queued for `place` (then `idle` is worth waiting for). */
  busy(place: ChatPlace): boolean {
    return this.tails.has(placeKey(place))
  }

  /**
   * Shutdown: from now on a failed attempt is not retried (the journal keeps it); waits up to
   * `timeoutMs` for deliveries under way, then no new item starts and what is on the wire settles.
   */
  async shutdown(timeoutMs: number, graceMs = 300): Promise<void> {
    this.closing = true
    this.waits.wakeAll()
    await within(this.clock, Promise.allSettled([...this.runs]), Math.max(0, timeoutMs - graceMs))
    await within(this.clock, this.sender.stop(), graceMs)
    this.sender.abort() // what still waits in the outbox ends now (the process is about to exit)
  }

  private async run(final: PendingFinal): Promise<TurnOutcome> {
    const { record } = final
    const startedAt = this.clock.now()
    for (let attempt = 0; ; attempt++) {
      if (this.closing && attempt > 0) return this.sender.keep(final)
      const error = await this.sender.sendOutstanding(final)
      if (error === undefined) {
        this.sender.forget(final)
        if (attempt > 0) {
          const ms = this.clock.now() - startedAt
          this.options.logger.info(
            { finalId: record.id, attempts: attempt + 1, ms },
            'final answer delivered after retries',
          )
        }
        return 'told'
      }
      const failure = classifyFinalFailure(error)
      if (failure === 'closed' || this.closing) return this.sender.keep(final)
      // Refusals are settled per item by the sender; anything else that gets here is tried again.
      const kind = failure === 'unreachable' ? 'unreachable' : 'transient'
      const delayMs = finalRetryDelay(
        kind,
        attempt,
        this.backoff,
        this.options.random ?? Math.random,
      )
      const log = kind === 'unreachable' ? 'the chat is unreachable' : 'Telegram is unreachable'
      this.options.logger.warn(
        { err: error, chatId: record.chatId, finalId: record.id, attempt: attempt + 1, delayMs },
        `${log}: keeping the final answer and retrying later`,
      )
      await this.waits.wait(record.chatId, delayMs)
    }
  }
}

/**
 * Whether a journaled record is the session's own (`<sessions>/<owner>/<id>`) and for its owner's
 * private chat (whose id is the user id): a record planted in a session directory must not make
 * the bot send to another user's chat.
 */
function belongsTo(dir: string, record: FinalRecord): boolean {
  return (
    basename(dir) === record.sessionId &&
    basename(dirname(dir)) === record.owner &&
    String(record.chatId) === record.owner
  )
}
