import { randomUUID } from 'node:crypto'
import { mkdir, rename, rmdir, unlink } from 'node:fs/promises'
import { join } from 'node:path'
import { SessionExistsError } from './errors.js'
import { claimName } from './name-index.js'
import type { Persona } from './persona.js'
import { mkdirPrivate, PRIVATE_DIR_MODE } from './private-mode.js'
import type { SessionAccess } from './session-access.js'
import { writeMetadata, writeSessionPersona } from './session-files.js'
import { checkSessionLimit } from './session-limit.js'
import { EMPTY_USAGE, METADATA_SCHEMA_VERSION, type SessionMetadata } from './session-metadata.js'

export interface NewSession {
  owner: string
  name: string
  persona: Persona
  /** Validated real path of a project dir to bind to, if any. */
  projectDir: string | undefined
  now: Date
  /** At most this many sessions per owner (checked under the owner lock); undefined: no limit. */
  maxSessions?: number
}

/** Attempts at claiming a name whose entry keeps turning out stale (a crash leftover). */
const CLAIM_ATTEMPTS = 3

/**
 * Creates a session: the directory is assembled in `.staging/<id>` and moved into place only
 * once the name is claimed, so a lost race leaves nothing behind and `list` never shows a
 * half-made session.
 */
export async function createSession(
  access: SessionAccess,
  input: NewSession,
): Promise<SessionMetadata> {
  const { layout } = access
  const { owner, name } = input
  const id = randomUUID()
  const staging = layout.stagingDir(owner, id)
  const time = input.now.toISOString()
  const meta: SessionMetadata = {
    schemaVersion: METADATA_SCHEMA_VERSION,
    id,
    name,
    owner,
    persona: input.persona.name,
    status: 'idle',
    createdAt: time,
    lastActiveAt: time,
    workingDirectory: input.projectDir ?? layout.workspaceDir(owner, id),
    boundToProject: input.projectDir !== undefined,
    claudeSessionId: null,
    pid: null,
    usage: { ...EMPTY_USAGE },
    topic: null,
  }
  await mkdirPrivate(staging)
  await mkdirPrivate(layout.namesDir(owner))
  if (!input.projectDir) await mkdir(join(staging, 'workspace'), { mode: PRIVATE_DIR_MODE })
  await writeSessionPersona(join(staging, 'persona.json'), input.persona)
  await writeMetadata(join(staging, 'metadata.json'), meta)

  for (let attempt = 0; attempt < CLAIM_ATTEMPTS; attempt++) {
    const place = async () => {
      if (!(await claimName(layout, owner, name, id))) return false
      await rename(staging, layout.sessionDir(owner, id))
      return true
    }
    // Held across claim + move: a reader that sees the entry before the directory waits for it.
    // With a limit, the owner lock too: two creates can't both pass the count.
    const claimed = await access
      .withSessionLock(owner, id, () =>
        input.maxSessions === undefined
          ? place()
          : access.withOwnerLock(owner, async () => {
              await checkSessionLimit(layout, owner, input.maxSessions)
              return place()
            }),
      )
      .catch(async (error: unknown) => {
        await discardStaging(staging)
        throw error
      })
    if (claimed) return meta
    // Taken, unless the entry is stale: resolve() removes stale entries, then we retry.
    if (await access.resolve(owner, name)) break
  }
  await discardStaging(staging)
  throw new SessionExistsError(owner, name)
}

/** Removes exactly the files this module put in the staging dir (never a recursive delete). */
async function discardStaging(staging: string): Promise<void> {
  const quiet = () => undefined
  await unlink(join(staging, 'metadata.json')).catch(quiet)
  await unlink(join(staging, 'persona.json')).catch(quiet)
  await rmdir(join(staging, 'workspace')).catch(quiet)
  await rmdir(staging).catch(quiet)
}
