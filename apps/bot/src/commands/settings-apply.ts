import type { SessionMetadata } from '@switchboard/core'
import type { BotDeps } from '../deps.js'
import { refOf } from '../sessions/session-ref.js'

/**
 * Applies a persona setting to the live process when there is one; when the CLI refuses the live
 * change, the process is restarted so the saved setting applies from the next message.
 * Returns what the user should be told about when it takes effect.
 */
export async function applyLive(
  deps: Pick<BotDeps, 'pool' | 'logger'>,
  meta: SessionMetadata,
  change: () => Promise<void>,
): Promise<'now' | 'next message'> {
  const ref = refOf(meta)
  if (!deps.pool.status(ref).live) return 'next message'
  try {
    await change()
    return 'now'
  } catch (error) {
    deps.logger.warn({ err: error, sessionId: meta.id }, 'live setting change refused; restarting')
    await deps.pool.restart(ref)
    return 'next message'
  }
}
