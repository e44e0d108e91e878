import { readFile, unlink } from 'node:fs/promises'
import type { DataLayout } from './layout.js'
import { isSessionId } from './names.js'
import { writePrivateFile } from './private-mode.js'

/**
 * `<owner>/active` holds the id of the owner's active session (one per owner). It names an id,
 * not a name, so renames never break it; a pointer to a deleted session reads as none.
 */
export async function readActiveId(layout: DataLayout, owner: string): Promise<string | null> {
  try {
    const id = (await readFile(layout.activePath(owner), 'utf8')).trim()
    return isSessionId(id) ? id : null
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT' || code === 'ENOTDIR') return null
    throw error
  }
}

/** Call under the owner lock. */
export async function writeActiveId(layout: DataLayout, owner: string, id: string): Promise<void> {
  await writePrivateFile(layout.activePath(owner), `${id}\n`)
}

/** Clears the pointer if it names `id`. Call under the owner lock. */
export async function clearActiveIdIf(
  layout: DataLayout,
  owner: string,
  id: string,
): Promise<void> {
  if ((await readActiveId(layout, owner)) === id) {
    await unlink(layout.activePath(owner)).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error
    })
  }
}
