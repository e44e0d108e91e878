/**
 * Who stays when two bots poll the same token. Telegram allows one getUpdates at a time: a new
 * one ends the held one with 409 Conflict. So the bot that has been running gets the first 409
 * when a second one starts; it retries at once, which ends the newcomer's poll with a 409 in turn.
 * A 409 in the first seconds of polling therefore means "I started second": that bot exits and
 * the running one keeps its updates.
 *
 * Probation: a newcomer whose first poll is answered at once (updates were waiting) has not been
 * held, so it can't have seen a 409 yet. During its first seconds a bot keeps such a batch
 * unhandled and unconfirmed, then asks again: the same updates again mean nobody else took them;
 * later ones (or none) mean another bot handled and confirmed them — this one is the newcomer.
 * Limit: two bots started within NEWCOMER_WINDOW_MS of each other can't tell who was first; the
 * first to get a 409 exits.
 */

import type { Clock } from './clock.js'

/** A 409 this soon after our first poll means we are the newcomer. */
export const NEWCOMER_WINDOW_MS = 10_000
/** Batches answered this soon after our first poll wait until it is over. */
export const PROBATION_MS = 2_000
/** The incumbent polls again this soon after a 409 (well inside the newcomer's probation). */
export const INCUMBENT_RETRY_MS = 250

export type BatchVerdict = { kind: 'handle' } | { kind: 'wait'; ms: number } | { kind: 'newcomer' }

export class ConflictJudge {
  private firstPollAt: number | undefined
  /** First update id of a batch kept back during probation. */
  private heldBack: number | undefined

  constructor(private readonly clock: Clock) {}

  /** Call when a getUpdates is sent. */
  pollStarted(): void {
    this.firstPollAt ??= this.clock.now()
  }

  /** On a 409 "terminated by other getUpdates request": true if this bot started second. */
  isNewcomer(): boolean {
    return this.age() < NEWCOMER_WINDOW_MS
  }

  /** An answer to getUpdates arrived with these update ids (oldest first). */
  onBatch(firstUpdateId: number | undefined): BatchVerdict {
    const heldBack = this.heldBack
    this.heldBack = undefined
    if (heldBack !== undefined && (firstUpdateId === undefined || firstUpdateId > heldBack))
      return { kind: 'newcomer' }
    if (firstUpdateId === undefined) return { kind: 'handle' }
    const left = PROBATION_MS - this.age()
    if (heldBack === undefined && left > 0) {
      this.heldBack = firstUpdateId
      return { kind: 'wait', ms: left }
    }
    return { kind: 'handle' }
  }

  private age(): number {
    return this.firstPollAt === undefined ? 0 : this.clock.now() - this.firstPollAt
  }
}
