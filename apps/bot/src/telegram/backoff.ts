/** `baseMs` doubled `attempt` times (0-based), at most `maxMs`: every retry loop's delay. */
export function exponentialBackoff(baseMs: number, attempt: number, maxMs: number): number {
  // The exponent is bounded too: 2 ** 1024 is Infinity, and 0 * Infinity is NaN.
  return Math.min(baseMs * 2 ** Math.min(attempt, 30), maxMs)
}
