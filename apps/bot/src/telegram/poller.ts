/**
 * Our long-polling loop (instead of Telegraf's launch()): getUpdates through the Outbox with a
 * deadline (poll timeout + margin), so a half-open connection is given up within ~35 s and the
 * next poll goes out on a fresh one. Like Telegraf, a batch's handlers all run, and only once they
 * have resolved is the batch confirmed (the next request's offset): an update whose handler did
 * not finish — a crash, a shutdown — comes again on the next start. When the outbox sees Telegram
 * answer again after a network failure, a poll held since before then is given up at once and sent
 * again: it may sit on a connection the outage killed, and would otherwise keep the bot deaf until
 * its deadline (up to ~35 s after the network returned). Failures back off; a 409 is
 * judged by poll-conflict.ts; a webhook or a rejected token ends polling with PollingRefusedError.
 */

import { z } from 'zod'
import type { Logger } from '../logging/logger.js'
import { ALLOWED_UPDATES } from './allowed-updates.js'
import { exponentialBackoff } from './backoff.js'
import {
  classifyError,
  isPollingConflict,
  isRateLimited,
  isTokenRejected,
  isTransient,
  isWebhookConflict,
} from './classify-error.js'
import { type Clock, systemClock } from './clock.js'
import { PollingRefusedError, TelegramError } from './errors.js'
import type { Outbox } from './outbox.js'
import { ConflictJudge, INCUMBENT_RETRY_MS } from './poll-conflict.js'
import { type ReachHint, unreachableLine } from './unreachable-line.js'

/** Seconds Telegram holds a getUpdates open when nothing arrives. */
export const POLL_TIMEOUT_S = 25
const MAX_BACKOFF_MS = 5_000
const SYNC_DEADLINE_MS = 1_000
const CONFLICT_LOG_EVERY_MS = 60_000

const Updates = z.array(z.object({ update_id: z.number().int() }).loose())
export type PolledUpdate = z.infer<typeof Updates>[number]

export interface PollerOptions {
  outbox: Pick<Outbox, 'call'> & Partial<Pick<Outbox, 'onNetworkRecovered'>>
  /** Telegraf's bot.handleUpdate (its errors go to bot.catch). */
  handleUpdate: (update: PolledUpdate) => Promise<unknown>
  logger: Logger
  clock?: Clock
  timeoutSeconds?: number
  allowedUpdates?: readonly string[]
  /** Where an earlier run got to (poll-offset.ts): the first poll confirms what it handled. */
  offset?: number
  /**
   * Makes a handled batch's offset durable before the next poll confirms it to Telegram: a restart
   * before that confirmation (Telegram unreachable) must not get, and run, the updates again once
   * their inbox entries are gone (turn done). Failures are logged; polling goes on.
   */
  saveOffset?: (offset: number) => Promise<void>
  /** What the "not reachable" line suggests (the proxy in use, if any). */
  reachHint?: ReachHint
}

export class Poller {
  private offset = 0
  /** The offset Telegram last saw (updates below it are confirmed). */
  private confirmed = 0
  private stopping = false
  private refused = false
  private readonly abort = new AbortController()
  private readonly clock: Clock
  private readonly judge: ConflictJudge
  private running: Promise<void> | undefined
  private lastConflictLog = Number.NEGATIVE_INFINITY
  /** Aborts the poll in flight (to renew it after the network returned). */
  private held: AbortController | undefined
  private renewed = false
  private readonly unsubscribe: () => void

  constructor(private readonly options: PollerOptions) {
    this.clock = options.clock ?? systemClock
    this.offset = options.offset ?? 0
    this.confirmed = this.offset
    this.judge = new ConflictJudge(this.clock)
    this.unsubscribe =
      options.outbox.onNetworkRecovered?.(() => {
        if (!this.held) return
        this.renewed = true
        this.held.abort()
      }) ?? (() => {})
  }

  /** Polls until stop() (resolves) or until Telegram refuses polling (rejects). Call once. */
  run(): Promise<void> {
    this.running ??= this.loop()
    return this.running
  }

  /** Ends the held poll, lets the batch being handled finish, then confirms it to Telegram. */
  async stop(): Promise<void> {
    this.stopping = true
    this.unsubscribe()
    this.abort.abort()
    await this.running?.catch(() => undefined)
  }

  private async loop(): Promise<void> {
    try {
      for (let failures = 0; !this.stopping; ) {
        let updates: PolledUpdate[]
        try {
          updates = await this.poll()
          failures = 0
        } catch (raw) {
          if (this.stopping) break
          if (this.renewed) {
            this.renewed = false
            continue
          }
          await this.pause(this.delayAfter(classifyError('getUpdates', raw), failures++))
          continue
        }
        const verdict = this.judge.onBatch(updates[0]?.update_id)
        if (verdict.kind === 'newcomer') throw new PollingRefusedError('conflict', undefined)
        if (verdict.kind === 'wait') {
          await this.pause(verdict.ms)
          continue
        }
        await Promise.all(updates.map((update) => this.handle(update)))
        const last = updates.at(-1)
        if (last) {
          this.offset = last.update_id + 1
          await this.options
            .saveOffset?.(this.offset)
            .catch((error: unknown) =>
              this.options.logger.warn({ err: error }, 'could not save the polling offset'),
            )
        }
      }
    } catch (error) {
      this.refused = true
      throw error
    } finally {
      if (!this.refused) await this.syncOffset()
    }
  }

  private async poll(): Promise<PolledUpdate[]> {
    this.judge.pollStarted()
    this.confirmed = this.offset
    this.renewed = false
    const held = new AbortController()
    this.held = held
    const signal = AbortSignal.any([this.abort.signal, held.signal])
    try {
      return Updates.parse(await this.getUpdates(signal))
    } finally {
      if (this.held === held) this.held = undefined
    }
  }

  private getUpdates(signal: AbortSignal): Promise<unknown> {
    return this.options.outbox.call(
      'getUpdates',
      {
        offset: this.offset,
        timeout: this.options.timeoutSeconds ?? POLL_TIMEOUT_S,
        allowed_updates: this.options.allowedUpdates ?? ALLOWED_UPDATES,
      },
      { retry: false, tracked: false, signal },
    )
  }

  private async handle(update: PolledUpdate): Promise<void> {
    try {
      await this.options.handleUpdate(update)
    } catch (error) {
      this.options.logger.error({ err: error, updateId: update.update_id }, 'an update failed')
    }
  }

  /** How long to wait before polling again, or throws when polling can't go on. */
  private delayAfter(error: unknown, failures: number): number {
    const { logger } = this.options
    if (isWebhookConflict(error)) throw new PollingRefusedError('webhook', error)
    if (isTokenRejected(error)) throw new PollingRefusedError('token', error)
    if (isPollingConflict(error)) {
      if (this.judge.isNewcomer()) throw new PollingRefusedError('conflict', error)
      if (this.clock.now() - this.lastConflictLog >= CONFLICT_LOG_EVERY_MS) {
        this.lastConflictLog = this.clock.now()
        logger.warn(
          'another process polled this bot token (409 Conflict); this bot was running first and keeps polling',
        )
      }
      return INCUMBENT_RETRY_MS
    }
    if (isRateLimited(error)) return (error.retryAfter ?? 1) * 1000
    if (error instanceof TelegramError && !isTransient(error))
      throw new PollingRefusedError('refused', error)
    const delayMs = exponentialBackoff(500, failures, MAX_BACKOFF_MS)
    const nextAt = new Date(this.clock.now() + delayMs)
    // Anything but a network failure or a 5xx is unexpected here: its stack is kept.
    const details = isTransient(error) ? {} : { err: error }
    logger.warn(
      { failures: failures + 1, ...details },
      unreachableLine(error, nextAt, this.options.reachHint),
    )
    return delayMs
  }

  /** Confirms handled updates that no getUpdates request has confirmed yet. */
  private async syncOffset(): Promise<void> {
    if (this.offset === this.confirmed) return
    await this.options.outbox
      .call(
        'getUpdates',
        { offset: this.offset, limit: 1, timeout: 0 },
        { retry: false, tracked: false, deadlineMs: SYNC_DEADLINE_MS },
      )
      .then(
        () => {
          this.confirmed = this.offset
        },
        (error: unknown) =>
          this.options.logger.warn(
            { err: error },
            'could not confirm the last updates to Telegram',
          ),
      )
  }

  /** Sleeps, waking early on stop(). */
  private pause(ms: number): Promise<void> {
    if (this.stopping || ms <= 0) return Promise.resolve()
    return new Promise((resolve) => {
      const done = () => {
        this.clock.clearTimer(timer)
        this.abort.signal.removeEventListener('abort', done)
        resolve()
      }
      const timer = this.clock.setTimer(done, ms)
      this.abort.signal.addEventListener('abort', done, { once: true })
    })
  }
}
