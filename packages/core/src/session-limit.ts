import { readdir } from 'node:fs/promises'
import { SessionLimitError } from './errors.js'
import type { DataLayout } from './layout.js'
import { isSessionId } from './names.js'

/** The owner's session directories (archived ones have moved out; staging ones are elsewhere). */
export async function countSessions(layout: DataLayout, owner: string): Promise<number> {
  try {
    const entries = await readdir(layout.ownerDir(owner), { withFileTypes: true })
    return entries.filter((e) => e.isDirectory() && isSessionId(e.name)).length
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0
    throw error
  }
}

/** Throws SessionLimitError when the owner already has `limit` sessions (no limit: undefined). */
export async function checkSessionLimit(
  layout: DataLayout,
  owner: string,
  limit: number | undefined,
): Promise<void> {
  if (limit === undefined) return
  if ((await countSessions(layout, owner)) >= limit) throw new SessionLimitError(owner, limit)
}
