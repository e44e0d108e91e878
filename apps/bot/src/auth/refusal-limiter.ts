/**
 * Remembers when each stranger was last told "no", so a refusal goes out at most once per window.
 * Bounded: a flood of distinct ids evicts the oldest entries instead of growing without limit.
 */
export class RefusalLimiter {
  private readonly lastRefusal = new Map<number, number>()

  constructor(
    private readonly windowMs = 3_600_000,
    private readonly maxEntries = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** True when this user should get a refusal message now (and records that they got one). */
  shouldRefuse(userId: number): boolean {
    const now = this.now()
    const last = this.lastRefusal.get(userId)
    if (last !== undefined && now - last < this.windowMs) return false
    this.lastRefusal.delete(userId) // re-insert so Map order stays oldest-first
    this.lastRefusal.set(userId, now)
    if (this.lastRefusal.size > this.maxEntries) {
      const oldest = this.lastRefusal.keys().next().value
      if (oldest !== undefined) this.lastRefusal.delete(oldest)
    }
    return true
  }
}
