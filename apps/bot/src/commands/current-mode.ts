import type { SessionMetadata } from '@switchboard/core'
import type { BotDeps } from '../deps.js'
import { refOf } from '../sessions/session-ref.js'

/**
 * The session's permission mode: the live CLI's (which follows what the CLI reports, e.g. after a
 * plan is approved), else the one saved in its persona copy, else Claude Code's default.
 */
export async function currentPermissionMode(
  deps: Pick<BotDeps, 'pool' | 'sessions'>,
  session: SessionMetadata,
): Promise<string> {
  const live = deps.pool.status(refOf(session)).permissionMode
  if (live) return live
  const persona = await deps.sessions.readPersonaById(session.owner, session.id)
  return persona.settings.permissionMode ?? 'default'
}
