import { createHash } from 'node:crypto'
import { readdirSync } from 'node:fs'
import { join } from 'node:path'

/**
 * A fingerprint of which sessions exist under a data dir (owners and session ids). A session's deny
 * rules name the sessions that existed when its process started: deny beats allow, so the way to its
 * own directory is closed entry by entry, and a session made later is open to its Read tool. When the
 * set changes, the pool restarts the process before its next turn, so the new rules cover it. Sync
 * directory reads, once per turn (about one entry per session).
 */
export function sessionSetFingerprint(dataDir: string): string {
  const hash = createHash('sha256')
  const sessions = join(dataDir, 'sessions')
  for (const owner of entries(sessions)) {
    hash.update(`${owner}/`)
    for (const id of entries(join(sessions, owner))) hash.update(`${id},`)
  }
  return hash.digest('hex')
}

function entries(dir: string): string[] {
  try {
    return readdirSync(dir)
      .filter((name) => !name.startsWith('.'))
      .sort()
  } catch {
    return [] // missing or unreadable: nothing there yet
  }
}
