import type { SessionMetadata } from '@switchboard/core'
import type { BotDeps } from '../deps.js'
import { ownerOf } from '../deps.js'

/** Name of the session created for a user who writes before creating one. */
export const FIRST_SESSION_NAME = 'main'

/**
 * The user's active session; when they have none, a session `main` with the default persona is
 * created (or, if `main` exists but is not active, switched to) so a first message is never lost.
 */
export async function ensureActiveSession(
  deps: Pick<BotDeps, 'sessions'>,
  userId: number,
): Promise<{ meta: SessionMetadata; created: boolean }> {
  const owner = ownerOf(userId)
  const active = await deps.sessions.active(owner)
  if (active) return { meta: active, created: false }
  let created = false
  try {
    await deps.sessions.create({ owner, name: FIRST_SESSION_NAME })
    created = true
  } catch (error) {
    if ((error as { code?: string }).code !== 'SESSION_EXISTS') throw error
  }
  return { meta: await deps.sessions.switch(owner, FIRST_SESSION_NAME), created }
}
