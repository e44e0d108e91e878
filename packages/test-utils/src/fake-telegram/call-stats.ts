import type { ApiCall } from './fake-state.js'

/** How one Bot API method fared, for benchmarks ("calls and 429s per method"). */
export interface CallStats {
  calls: number
  ok: number
  /** Any call that was not ok, 429s and injected faults included. */
  errors: number
  /** 429 Too Many Requests answers (flood control or injected). */
  floods: number
}

const sameMethod = (a: string, b: string) => a.toLowerCase() === b.toLowerCase()

/** Calls of `method` (case-insensitive, as Telegram reads method names) that match `which`. */
export function countCalls(
  calls: readonly ApiCall[],
  method: string | undefined,
  which: (call: ApiCall) => boolean = () => true,
): number {
  return calls.filter((c) => (method === undefined || sameMethod(c.method, method)) && which(c))
    .length
}

/** Per-method totals, keyed by the method's canonical name. */
export function callStats(calls: readonly ApiCall[]): Record<string, CallStats> {
  const stats: Record<string, CallStats> = {}
  for (const call of calls) {
    const entry = stats[call.method] ?? { calls: 0, ok: 0, errors: 0, floods: 0 }
    entry.calls++
    if (call.ok) entry.ok++
    else entry.errors++
    if (call.errorCode === 429) entry.floods++
    stats[call.method] = entry
  }
  return stats
}
