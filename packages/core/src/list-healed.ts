import {
  type BrokenSession,
  listSessions,
  type SessionList,
  sortSessions,
} from './list-sessions.js'
import { isSessionId } from './names.js'
import type { SessionAccess } from './session-access.js'

/**
 * `list` with healing: a session whose metadata.json is damaged (or missing) is rebuilt and listed,
 * and every session whose name lost its index entry gets it back (under the owner lock), so no new
 * session can take a name an existing one carries. What cannot be healed stays in `broken`.
 */
export async function listHealed(access: SessionAccess, owner?: string): Promise<SessionList> {
  const { sessions, broken } = await listSessions(access.layout, owner)
  const stillBroken: BrokenSession[] = []
  for (const entry of broken) {
    const read = isSessionId(entry.id) ? await access.readHealed(entry.owner, entry.id) : undefined
    if (read?.kind === 'ok') sessions.push(read.meta)
    else stillBroken.push(entry)
  }
  for (const o of new Set(sessions.map((s) => s.owner))) {
    await access.repairNames(
      o,
      sessions.filter((s) => s.owner === o),
    )
  }
  // listSessions sorted them already: only healed sessions need placing.
  const healed = stillBroken.length < broken.length
  return { sessions: healed ? sortSessions(sessions) : sessions, broken: stillBroken }
}
