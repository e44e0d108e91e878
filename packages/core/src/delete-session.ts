import { rename } from 'node:fs/promises'
import { join } from 'node:path'
import { clearActiveIdIf } from './active-pointer.js'
import { SessionNotFoundError } from './errors.js'
import { removeNameEntryFor } from './name-index.js'
import { mkdirPrivate } from './private-mode.js'
import type { SessionAccess } from './session-access.js'
import { readMetadata } from './session-files.js'

/**
 * Moves the session directory to `archive/<owner>/<id>-<time>/` and returns that path. A session
 * with damaged metadata can be archived too (it is never rebuilt first). With `expectedName`, a
 * session that was renamed meanwhile is not the one meant: SessionNotFoundError.
 */
export async function archiveSession(
  access: SessionAccess,
  owner: string,
  id: string,
  now: Date,
  expectedName?: string,
): Promise<string> {
  const { layout } = access
  const stamp = now.toISOString().replaceAll(':', '-').replace('.', '-')
  const archived = join(layout.archiveOwnerDir(owner), `${id}-${stamp}`)
  let name: string | undefined
  await access.withSessionLock(owner, id, async () => {
    const read = await readMetadata(layout, owner, id)
    if (read.kind === 'missing') throw new SessionNotFoundError(owner, expectedName ?? id)
    if (read.kind === 'ok') {
      if (expectedName !== undefined && read.meta.name !== expectedName) {
        throw new SessionNotFoundError(owner, expectedName)
      }
      name = read.meta.name
    }
    await mkdirPrivate(layout.archiveOwnerDir(owner))
    await rename(layout.sessionDir(owner, id), archived)
  })
  await access.withOwnerLock(owner, async () => {
    const key = expectedName ?? name
    if (key !== undefined) await removeNameEntryFor(layout, owner, key, id)
    await clearActiveIdIf(layout, owner, id)
  })
  return archived
}
