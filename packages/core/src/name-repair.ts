import { readdir } from 'node:fs/promises'
import type { DataLayout } from './layout.js'
import { listSessions } from './list-sessions.js'
import { claimName, readNameEntry } from './name-index.js'
import { normalizeSessionName } from './names.js'
import { mkdirPrivate } from './private-mode.js'
import { countSessions } from './session-limit.js'
import type { SessionMetadata } from './session-metadata.js'

export interface NameRepairDeps {
  layout: DataLayout
  withOwnerLock: <T>(owner: string, fn: () => Promise<T>) => Promise<T>
  /** Told about each entry written back (for the log). */
  onNameRepair?: (repair: { owner: string; id: string; name: string }) => void
}

/** The names that have an index entry (cheap: one readdir, no file reads). */
export async function indexedNames(layout: DataLayout, owner: string): Promise<Set<string>> {
  const names = await readdir(layout.namesDir(owner)).catch(() => [] as string[])
  return new Set(names.filter((n) => !n.startsWith('.')))
}

/**
 * A quick test for a lost entry: more session directories than index entries. (A stale entry can
 * hide a lost one here; `list` compares name by name and finds it.)
 */
export async function indexLooksIncomplete(layout: DataLayout, owner: string): Promise<boolean> {
  const [sessions, names] = await Promise.all([
    countSessions(layout, owner),
    indexedNames(layout, owner),
  ])
  return sessions > names.size
}

/**
 * Writes back the index entry of every session in `sessions` whose name has none (metadata.name is
 * the truth), under the owner lock. When two sessions carry the same lost name, the older one gets
 * it. Returns the repaired sessions.
 */
export async function repairNameIndex(
  deps: NameRepairDeps,
  owner: string,
  sessions?: readonly SessionMetadata[],
): Promise<SessionMetadata[]> {
  const { layout } = deps
  const all = sessions ?? (await listSessions(layout, owner)).sessions
  const indexed = await indexedNames(layout, owner)
  const lost = all
    .filter((s) => s.owner === owner && !indexed.has(s.name) && isCanonicalName(s.name))
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
  if (lost.length === 0) return []
  return deps.withOwnerLock(owner, async () => {
    await mkdirPrivate(layout.namesDir(owner))
    const repaired: SessionMetadata[] = []
    for (const meta of lost) {
      if (await readNameEntry(layout, owner, meta.name)) continue // claimed meanwhile
      if (!(await claimName(layout, owner, meta.name, meta.id))) continue
      repaired.push(meta)
      deps.onNameRepair?.({ owner, id: meta.id, name: meta.name })
    }
    return repaired
  })
}

/** metadata.json's schema bounds a name's length only: one that is no valid name (a path, say) never becomes an index entry. */
function isCanonicalName(name: string): boolean {
  try {
    return normalizeSessionName(name) === name
  } catch {
    return false
  }
}
