/**
 * Whether Telegram is known to be reachable. A network failure (refused, reset, timeout) makes it
 * suspect; an answer — any answer, even an error — to a call that *started after* that failure
 * proves it healthy again. Sends that are not idempotent wait here while it is suspect, and one
 * probe loop (getMe, cheap and harmless) runs for all of them.
 *
 * Why: after a network error the outcome of a send is unknown (Telegram may have posted it and the
 * answer got lost). We resend — a final answer must arrive — and accept that the user may then see
 * it twice. Resending only on a network that just answered keeps that to one duplicate: without
 * the wait, a flapping connection could swallow the answers of several resends, each of which
 * Telegram may have posted.
 */

import { classifyError } from './classify-error.js'
import { type Clock, sleep } from './clock.js'
import { CALL_DEADLINE_MS } from './deadlines.js'
import { TelegramNetworkError } from './errors.js'
import { type CallApi, timedCall } from './timed-call.js'

/** Sends that post something new (sending one twice shows it twice) wait for a healthy network. */
export function needsHealthyNetwork(method: string): boolean {
  if (method === 'sendMessageDraft' || method === 'sendChatAction') return false
  return /^(send|copy|forward)/.test(method)
}

export class NetworkHealth {
  private seq = 0
  /** Sequence number of the latest attempt that failed on the network. */
  private failedSeq = -1
  /** Sequence number of the latest attempt Telegram answered. */
  private answeredSeq = -1
  private waiters: { resolve: () => void; reject: (error: unknown) => void }[] = []
  private probing = false
  private closedWith: unknown
  private readonly recoveredListeners = new Set<() => void>()

  constructor(
    /** One cheap call: true if Telegram answered (whatever it said), false on a network failure. */
    private readonly probe: () => Promise<boolean>,
    private readonly clock: Clock,
    /** Longest pause between probes (they start at once, then back off). */
    private readonly maxProbeIntervalMs = 5_000,
  ) {}

  /** Call when an attempt starts; hand the token to answered() or failed(). */
  begin(): number {
    return ++this.seq
  }

  answered(token: number): void {
    const wasSuspect = this.suspect
    this.answeredSeq = Math.max(this.answeredSeq, token)
    if (this.suspect) return
    for (const w of this.waiters.splice(0)) w.resolve()
    if (wasSuspect) for (const listener of this.recoveredListeners) listener()
  }

  /** Calls `listener` each time Telegram answers again after a network failure; returns an unsubscribe. */
  onRecovered(listener: () => void): () => void {
    this.recoveredListeners.add(listener)
    return () => this.recoveredListeners.delete(listener)
  }

  /** A failure of an attempt older than the latest answer is old news and changes nothing. */
  failed(token: number): void {
    this.failedSeq = Math.max(this.failedSeq, token)
  }

  get suspect(): boolean {
    return this.failedSeq > this.answeredSeq
  }

  /**
   * Resolves true once Telegram is known reachable (at once if it is), false if it still is not
   * after `maxWaitMs`; rejects after close().
   */
  whenHealthy(maxWaitMs: number): Promise<boolean> {
    if (this.closedWith !== undefined) return Promise.reject(this.closedWith)
    if (!this.suspect) return Promise.resolve(true)
    return new Promise((resolve, reject) => {
      const waiter = {
        resolve: () => {
          this.clock.clearTimer(timer)
          resolve(true)
        },
        reject,
      }
      const timer = this.clock.setTimer(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter)
        resolve(false)
      }, maxWaitMs)
      this.waiters.push(waiter)
      if (!this.probing) void this.runProbes()
    })
  }

  /** Rejects every waiter with `error` and stops probing. */
  close(error: unknown): void {
    this.closedWith = error
    for (const w of this.waiters.splice(0)) w.reject(error)
  }

  private async runProbes(): Promise<void> {
    this.probing = true
    try {
      for (let n = 0; this.suspect && this.waiters.length > 0; n++) {
        if (n > 0) await sleep(this.clock, Math.min(500 * 2 ** (n - 1), this.maxProbeIntervalMs))
        if (!this.suspect || this.closedWith !== undefined) break
        const token = this.begin()
        const reachable = await this.probe().catch(() => false)
        if (reachable) this.answered(token)
        else this.failed(token)
      }
    } finally {
      this.probing = false
    }
  }
}

/** The probe: getMe with a short deadline, true if Telegram answered at all. */
export function getMeProbe(callApi: CallApi, clock: Clock): () => Promise<boolean> {
  return async () => {
    try {
      await timedCall(callApi, 'getMe', {}, { clock, deadlineMs: CALL_DEADLINE_MS / 2 })
      return true
    } catch (error) {
      return !(classifyError('getMe', error) instanceof TelegramNetworkError)
    }
  }
}
