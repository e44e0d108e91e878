/**
 * Why the driver aborted a question: it timed out (nobody answered in time) or it was cancelled
 * (the turn ended, was stopped, or the process exited). The driver aborts with an Error whose
 * message says which.
 */

export type AbortKind = 'timeout' | 'cancel'

export function abortKind(signal: AbortSignal): AbortKind {
  const reason: unknown = signal.reason
  const message = reason instanceof Error ? reason.message : String(reason ?? '')
  return /time/i.test(message) ? 'timeout' : 'cancel'
}

/** The line a prompt message is edited to when it can no longer be answered. */
export function describeAbort(kind: AbortKind, timeout: string): string {
  return kind === 'timeout'
    ? `⏱ <b>No answer within ${timeout}, so this was denied.</b>`
    : '⏹ <b>Cancelled</b> (the request ended before an answer), so this was denied.'
}

/** "45 s", "10 min", "1 h 30 min". */
export function formatDuration(ms: number): string {
  const seconds = Math.round(ms / 1000)
  if (seconds < 60) return `${seconds} s`
  const minutes = Math.round(seconds / 60)
  if (minutes < 60) return `${minutes} min`
  const hours = Math.floor(minutes / 60)
  const rest = minutes % 60
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`
}
