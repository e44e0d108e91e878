import type { TurnEvent } from '../turn-events.js'

/**
 * A frozen process must not hold its slot forever. A stalled turn (the watchdog's `stalled` event) is
 * killed once it has been silent this many times the stall timeout: past the CLI's own limits on a
 * Bash command (10 min at most) and on an API request (10 min), so nothing healthy is that quiet.
 * Before that, it is killed only when another session waits for a slot and none can be freed.
 */
export const STALL_RECLAIM_FACTOR = 3

/**
 * One session's view of its running turn's silence, from the `stalled` / `active` events: since when
 * it is silent, and the unref'd timer that reclaims the slot at STALL_RECLAIM_FACTOR × the timeout.
 */
export class StallTracker {
  private silentSince: number | undefined
  private timer: NodeJS.Timeout | undefined

  constructor(
    private readonly stallTimeoutMs: number,
    private readonly hooks: { reclaim(): void; stalled(): void },
  ) {}

  /** True while the running turn is stalled: its slot may go to a waiting session. */
  get stalled(): boolean {
    return this.silentSince !== undefined
  }

  /** Epoch ms since which the turn is silent (Infinity when it is not stalled). */
  get since(): number {
    return this.silentSince ?? Number.POSITIVE_INFINITY
  }

  /** How long the stalled turn has been silent (undefined when it is not stalled). */
  silentForMs(now = Date.now()): number | undefined {
    return this.silentSince === undefined ? undefined : now - this.silentSince
  }

  observe(event: TurnEvent): void {
    if (event.type === 'active') this.clear()
    if (event.type !== 'stalled') return
    this.clear()
    this.silentSince = Date.now() - event.silentForMs
    const left = this.stallTimeoutMs * STALL_RECLAIM_FACTOR - event.silentForMs
    this.timer = setTimeout(() => this.hooks.reclaim(), Math.max(0, left))
    this.timer.unref()
    this.hooks.stalled()
  }

  /** The turn ended or spoke again. */
  clear(): void {
    clearTimeout(this.timer)
    this.timer = undefined
    this.silentSince = undefined
  }
}
