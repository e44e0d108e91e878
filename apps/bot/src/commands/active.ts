import type { SessionMetadata } from '@switchboard/core'
import { sessionOfPlace } from '../sessions/active-session.js'
import type { CommandContext } from './command.js'

export const NO_ACTIVE_SESSION_TEXT =
  'You have no active session yet. Send any message to start one, or use /new &lt;name&gt;.'
export const UNBOUND_TOPIC_TEXT =
  'This topic has no session yet: write a message here and one starts in it (or use /new &lt;name&gt;). /sessions lists yours.'

/**
 * The session a command acts on, or null after telling the user why there is none: inside a
 * session's topic that session (whatever is active), outside topics the active session.
 */
export async function activeOrExplain(c: CommandContext): Promise<SessionMetadata | null> {
  const found = await sessionOfPlace(c.deps, c.owner, c.place)
  if (found.kind === 'unbound') {
    c.reply(UNBOUND_TOPIC_TEXT)
    return null
  }
  if (!found.meta) c.reply(NO_ACTIVE_SESSION_TEXT)
  return found.meta
}
