import { link, readFile, unlink } from 'node:fs/promises'
import { join } from 'node:path'
import type { DataLayout } from './layout.js'
import { isSessionId } from './names.js'
import { writePrivateFile } from './private-mode.js'
import { asStorageError } from './storage-errors.js'

/**
 * The name index: `<owner>/.names/<name>` holds the session id. Names map to ids so a rename
 * never moves a session directory (Claude Code keys its history by the working directory).
 */
export interface NameEntry {
  /** The file's exact content, to remove it only if nobody replaced it meanwhile. */
  raw: string
  /** The session id, or null when the content is not a valid id (a stale entry). */
  id: string | null
}

export async function readNameEntry(
  layout: DataLayout,
  owner: string,
  name: string,
): Promise<NameEntry | null> {
  let raw: string
  try {
    raw = await readFile(layout.nameEntryPath(owner, name), 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT' || code === 'ENOTDIR') return null
    throw error
  }
  const id = raw.trim()
  return { raw, id: isSessionId(id) ? id : null }
}

/**
 * Claims `name` for `id`; false when the name is already taken. The entry is written to a temp
 * file first and then hard-linked into place: link() is an exclusive create like `wx`, but the
 * entry appears with its content, so a reader never sees a half-written claim.
 */
export async function claimName(
  layout: DataLayout,
  owner: string,
  name: string,
  id: string,
): Promise<boolean> {
  const temp = join(layout.namesDir(owner), `.claim-${id}`)
  await writePrivateFile(temp, `${id}\n`, layout.namesDir(owner))
  try {
    await link(temp, layout.nameEntryPath(owner, name))
    return true
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false
    throw asStorageError(error, layout.namesDir(owner))
  } finally {
    await unlink(temp).catch(() => undefined)
  }
}

/** Removes the entry if it still has content `raw`. Call only under the owner lock. */
export async function removeNameEntryIf(
  layout: DataLayout,
  owner: string,
  name: string,
  raw: string,
): Promise<void> {
  const current = await readNameEntry(layout, owner, name)
  if (current && current.raw === raw) {
    await unlink(layout.nameEntryPath(owner, name)).catch(ignoreMissing)
  }
}

/** Removes the entry if it points at `id`. Call only under the owner lock. */
export async function removeNameEntryFor(
  layout: DataLayout,
  owner: string,
  name: string,
  id: string,
): Promise<void> {
  const current = await readNameEntry(layout, owner, name)
  if (current && current.id === id) {
    await unlink(layout.nameEntryPath(owner, name)).catch(ignoreMissing)
  }
}

function ignoreMissing(error: NodeJS.ErrnoException): void {
  if (error.code !== 'ENOENT') throw error
}
