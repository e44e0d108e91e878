/**
 * Delivers the *latest* value of something that changes often (the live view), at most once per
 * `minIntervalMs`: values offered in between are coalesced, a value equal to the last one delivered
 * is skipped (so Telegram never answers "message is not modified"), and deliveries never overlap.
 * `flush()` delivers whatever is pending and resolves when everything offered so far is out.
 * A value may be offered as a function: it is called only when a delivery is due, so a value that
 * is costly to make (rendered Markdown) is made once per delivery, not once per change.
 */

import { type Clock, systemClock } from '../telegram/clock.js'

export interface UpdatePumpOptions {
  deliver: (value: string) => Promise<void>
  /** A number, or asked before each delivery (a draft view that falls back to edits slows down). */
  minIntervalMs: number | (() => number)
  clock?: Clock
  /** Re-deliver an unchanged value after this long (drafts vanish if not refreshed). Off by default. */
  keepAliveMs?: number | (() => number | undefined)
  /** Told about failed deliveries; the pump carries on with the next value. */
  onError?: (error: unknown) => void
}

type Offered = string | (() => string)

export class UpdatePump {
  private latest: Offered | undefined
  private lastDelivered: string | undefined
  private lastStartAt = Number.NEGATIVE_INFINITY
  /** Where the interval to the next delivery counts from (lastStartAt, unless forgiven). */
  private pacedFrom = Number.NEGATIVE_INFINITY
  private inFlight = false
  private timer: unknown
  private stopped = false
  private readonly settledWaiters: (() => void)[] = []
  private readonly clock: Clock

  constructor(private readonly options: UpdatePumpOptions) {
    this.clock = options.clock ?? systemClock
  }

  /** Offers a new value; it is delivered when the interval allows, unless a newer one replaces it. */
  offer(value: Offered): void {
    if (this.stopped) return
    this.latest = value
    this.schedule()
  }

  /** Delivers the pending value (still respecting the interval) and resolves once all is out. */
  flush(): Promise<void> {
    if (this.isSettled()) return Promise.resolve()
    return new Promise((resolve) => this.settledWaiters.push(resolve))
  }

  /** Stops keep-alive refreshes after the pending value is out; offers after this are ignored. */
  async close(): Promise<void> {
    await this.flush()
    this.stopped = true
    this.clearTimer()
  }

  /**
   * The value being delivered does not start an interval: the next one may follow `graceMs` after
   * now instead (e.g. the first real content after a placeholder). Call it from `deliver`.
   */
  forgiveInterval(graceMs = 0): void {
    this.pacedFrom = this.clock.now() + graceMs - currentOf(this.options.minIntervalMs)
  }

  /** Drops the pending value and stops; resolves once a delivery under way is out (none follows). */
  abandon(): Promise<void> {
    this.stopped = true
    this.latest = undefined
    this.clearTimer()
    return this.flush()
  }

  private isSettled(): boolean {
    return !this.inFlight && (this.latest === undefined || this.latest === this.lastDelivered)
  }

  private schedule(): void {
    if (this.inFlight) return
    this.clearTimer()
    if (this.isSettled()) {
      for (const resolve of this.settledWaiters.splice(0)) resolve()
      this.scheduleKeepAlive()
      return
    }
    const wait = this.pacedFrom + currentOf(this.options.minIntervalMs) - this.clock.now()
    if (wait <= 0) void this.deliverLatest()
    else this.timer = this.clock.setTimer(() => this.onTimer(), wait)
  }

  private onTimer(): void {
    this.timer = undefined
    this.schedule()
  }

  private scheduleKeepAlive(): void {
    const every = currentOf(this.options.keepAliveMs)
    if (!every || this.stopped || this.lastDelivered === undefined) return
    const wait = Math.max(0, this.lastStartAt + every - this.clock.now())
    this.timer = this.clock.setTimer(() => {
      this.timer = undefined
      this.lastDelivered = undefined // force one re-delivery of the same value
      this.schedule()
    }, wait)
  }

  private async deliverLatest(): Promise<void> {
    const offered = this.latest
    if (offered === undefined) return
    const value = typeof offered === 'function' ? offered() : offered
    this.latest = value
    // Made now, it may equal what is shown: then nothing is due (and no interval starts).
    if (value === this.lastDelivered) return this.schedule()
    this.inFlight = true
    this.lastStartAt = this.clock.now()
    this.pacedFrom = this.lastStartAt
    try {
      await this.options.deliver(value)
    } catch (error) {
      this.options.onError?.(error)
    } finally {
      // Even a failed value counts as delivered: retrying the same content would fail the same way.
      this.lastDelivered = value
      this.inFlight = false
      this.schedule()
    }
  }

  private clearTimer(): void {
    if (this.timer !== undefined) this.clock.clearTimer(this.timer)
    this.timer = undefined
  }
}

function currentOf<T>(option: T | (() => T)): T {
  return typeof option === 'function' ? (option as () => T)() : option
}
