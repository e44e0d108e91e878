/**
 * A global cap on how many calls may start in any sliding window (Telegram allows about 30
 * messages per second per bot; we stay below that). Callers `await acquire()` before each call.
 */

import { type Clock, sleep } from './clock.js'

export class RateGate {
  private readonly starts: number[] = []

  constructor(
    private readonly maxPerWindow: number,
    private readonly windowMs: number,
    private readonly clock: Clock,
  ) {
    if (!(maxPerWindow >= 1)) throw new RangeError(`maxPerWindow must be ≥ 1, got ${maxPerWindow}`)
  }

  /** Waits until a call may start within the cap, and records that it started. */
  async acquire(): Promise<void> {
    for (;;) {
      const now = this.clock.now()
      while (this.starts.length > 0 && (this.starts[0] ?? 0) <= now - this.windowMs)
        this.starts.shift()
      if (this.starts.length < this.maxPerWindow) {
        this.starts.push(now)
        return
      }
      await sleep(this.clock, (this.starts[0] ?? now) + this.windowMs - now)
    }
  }
}
