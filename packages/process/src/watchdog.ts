/** Default `stallTimeoutMs`: longer than any silence a healthy CLI shows between lines, except long tools. */
export const DEFAULT_STALL_TIMEOUT_MS = 5 * 60_000

/** What the watchdog reports; pushed as the turn events of the same name. */
export type StallReport = { type: 'stalled' | 'active'; silentForMs: number }

export interface StallWatchdogOptions {
  /** Silence this long is a stall; 0 turns the watchdog off. */
  timeoutMs: number
  /** True while the CLI waits on us (a permission request being answered): that silence is not a stall. */
  waitingOnUs: () => boolean
  report: (report: StallReport) => void
  now?: () => number
}

/**
 * Watches one running turn at a time for silence. Every stdout line of the CLI (events and control
 * traffic alike) is activity; so is a permission answer going back (the clock restarts: the time the
 * user took is not the CLI's silence). One unref'd timer, re-armed for the time left, never polled.
 * Measured with CLI 2.1.330: while a Bash command runs the CLI prints nothing (one `task_started` line
 * after ~3 s, then silence until the result), so a long silent command is reported too — as silence,
 * which it is; the user decides whether to stop it.
 */
export class StallWatchdog {
  private lastActivityAt = 0
  private running = false
  private stalled = false
  private timer: NodeJS.Timeout | undefined
  private readonly now: () => number

  constructor(private readonly options: StallWatchdogOptions) {
    this.now = options.now ?? Date.now
  }

  /** Changes the limit; applies to the running turn at once. */
  setTimeout(timeoutMs: number): void {
    this.options.timeoutMs = timeoutMs
    this.arm()
  }

  turnStarted(): void {
    this.running = true
    this.stalled = false
    this.activity()
  }

  /** A line from the CLI (or our permission answer): the silence ends. */
  activity(): void {
    const silentForMs = this.now() - this.lastActivityAt
    this.lastActivityAt = this.now()
    if (this.stalled) {
      this.stalled = false
      this.options.report({ type: 'active', silentForMs })
    }
    this.arm()
  }

  turnEnded(): void {
    this.running = false
    this.stalled = false
    clearTimeout(this.timer)
  }

  /** How long the running turn has been silent (0 while the CLI waits on us), undefined when none runs. */
  silentForMs(): number | undefined {
    if (!this.running) return undefined
    return this.options.waitingOnUs() ? 0 : this.now() - this.lastActivityAt
  }

  private arm(): void {
    clearTimeout(this.timer)
    const { timeoutMs } = this.options
    if (!this.running || this.stalled || timeoutMs <= 0) return
    const left = Math.max(0, this.lastActivityAt + timeoutMs - this.now())
    this.timer = setTimeout(() => this.check(), left)
    this.timer.unref()
  }

  private check(): void {
    if (!this.running) return
    if (this.options.waitingOnUs()) {
      // The answer restarts the clock (activity); until then, look again after one more period.
      this.lastActivityAt = this.now()
      this.arm()
      return
    }
    const silentForMs = this.now() - this.lastActivityAt
    if (silentForMs < this.options.timeoutMs) {
      this.arm()
      return
    }
    this.stalled = true
    this.options.report({ type: 'stalled', silentForMs })
  }
}
