/**
 * While a turn waits for a free Claude Code slot (every `SWITCHBOARD_MAX_LIVE` process is busy and
 * the pool keeps it `queued`), its live view says so instead of "working…"; once it starts, the
 * normal live view takes over. The pool has no event for this, so its status is polled.
 */

import type { ProcessPool, SessionRef, Turn } from '@switchboard/process'
import type { LiveProgress } from './live-progress.js'

export const SLOT_WAIT_POLL_MS = 250

/** Says whether a session's turn waits for a slot: the status to show, or undefined. */
export type SlotWaitProbe = (ref: SessionRef) => string | undefined

/** The probe for a real pool: no process for the session yet, but turns for it. */
export function poolSlotWait(pool: Pick<ProcessPool, 'status'>, maxLive: number): SlotWaitProbe {
  return (ref) => {
    const status = pool.status(ref)
    if (status.live || status.queueLength === 0) return undefined
    const busy = `${maxLive} session${maxLive === 1 ? '' : 's'} busy`
    return `⏳ Waiting for a free Claude Code slot (${busy})…`
  }
}

/**
 * Mirrors the slot wait into `progress` until the turn leaves `queued`. Returns a stop function, which
 * leaves the status as it is (the turn's outcome replaces it).
 */
export function watchSlotWait(
  ref: SessionRef,
  turn: Pick<Turn, 'state'>,
  probe: SlotWaitProbe,
  progress: Pick<LiveProgress, 'setStatus' | 'started'>,
  intervalMs = SLOT_WAIT_POLL_MS,
): () => void {
  let shown: string | undefined
  let timer: NodeJS.Timeout | undefined
  const stop = () => clearInterval(timer)
  const check = () => {
    const waiting = turn.state === 'queued' ? probe(ref) : undefined
    if (waiting !== undefined && waiting !== shown) progress.setStatus(waiting)
    if (waiting === undefined && shown !== undefined) progress.started()
    shown = waiting
    if (turn.state !== 'queued') stop()
  }
  check()
  if (turn.state === 'queued') timer = setInterval(check, intervalMs)
  return stop
}
