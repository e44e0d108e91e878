import type { LiveStatus } from '@switchboard/process'

/** "answering, 2 queued" / "live, idle" / "not running" for a session's process. */
export function describeLiveState(status: LiveStatus): string {
  const queue = status.queueLength > 0 ? `, ${status.queueLength} queued` : ''
  if (status.running) return `answering${queue}`
  if (status.live) return `live, ${status.state}${queue}`
  return status.queueLength > 0 ? `waiting for a free slot${queue}` : 'not running'
}
