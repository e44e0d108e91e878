import type { SessionMetadata } from '@switchboard/core'
import type { CommandContext } from './command.js'

/** The user's active session, or null after telling them how to get one. */
export async function activeOrExplain(c: CommandContext): Promise<SessionMetadata | null> {
  const active = await c.deps.sessions.active(c.owner)
  if (!active) {
    c.reply(
      'You have no active session yet. Send any message to start one, or use /new &lt;name&gt;.',
    )
  }
  return active
}
