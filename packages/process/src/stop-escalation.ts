import { setTimeout as sleep } from 'node:timers/promises'
import type { Logger } from './logger.js'
import type { Turn } from './turn.js'

/** Default `interruptGraceMs`: a CLI that is alive answers an interrupt and ends its turn in well under 1 s. */
export const DEFAULT_INTERRUPT_GRACE_MS = 3000

/**
 * How a stop ended: `interrupted` — the CLI ended the turn itself (result `error_during_execution`);
 * `killed` — it did not within the grace (frozen, or the interrupt request failed), so the process was
 * killed and the turn failed; `none` — no turn was running.
 */
export type StopOutcome = 'interrupted' | 'killed' | 'none'

/** What a stop needs from a process (a ClaudeProcess). */
export interface Stoppable {
  readonly runningTurn: Turn | undefined
  interrupt(): Promise<void>
  kill(): Promise<void>
}

/**
 * Stops the running turn for sure: interrupts, and when the turn has not ended `graceMs` later — or
 * the interrupt request fails (a frozen CLI never answers it) — kills the process, tools included.
 * Never waits for the control request's own timeout.
 */
export async function stopTurn(
  proc: Stoppable,
  options: { graceMs: number; logger: Logger },
): Promise<StopOutcome> {
  const turn = proc.runningTurn
  if (!turn) return 'none'
  const controller = new AbortController()
  const ended = turn.done.then(
    () => 'ended' as const,
    () => 'ended' as const,
  )
  const refused = proc.interrupt().then(
    () => ended, // answered: the result follows, or the grace runs out
    (error: unknown) => {
      if (!controller.signal.aborted) options.logger.warn({ err: error }, 'interrupt failed')
      return 'refused' as const
    },
  )
  const late = sleep(options.graceMs, 'late' as const, { ref: false, signal: controller.signal })
  const how = await Promise.race([ended, refused, late.catch(() => 'ended' as const)])
  controller.abort()
  if (how === 'ended') return 'interrupted'
  options.logger.warn(
    { how, graceMs: options.graceMs },
    'the turn did not end: killing the process',
  )
  await proc.kill()
  return turn.state === 'completed' ? 'interrupted' : 'killed'
}
