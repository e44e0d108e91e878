/**
 * Opening a file the bot saved under an `uploads/` directory, to read it again (image bytes for the
 * prompt, at each send). A workspace's `uploads/` is writable by Claude, which could swap the file or
 * the directory for a symlink to anything the bot can read (the data dir's control files, the CLI's
 * login): the file is opened without following a final symlink, and its directory must still be the
 * real `uploads/` of its parent.
 */

import { constants } from 'node:fs'
import { type FileHandle, open, realpath } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'

export async function openSavedUpload(path: string): Promise<FileHandle> {
  const handle = await open(path, constants.O_RDONLY | constants.O_NOFOLLOW)
  try {
    if (!(await isRealDirectory(dirname(path)))) {
      throw new Error(`${dirname(path)} is no longer a directory of its own (a symlink?)`)
    }
    return handle
  } catch (error) {
    await handle.close().catch(() => {})
    throw error
  }
}

/** `dir` is a directory of its own, not a symlink (checked after opening or creating inside it). */
export async function isRealDirectory(dir: string): Promise<boolean> {
  const [real, parent] = await Promise.all([realpath(dir), realpath(dirname(dir))])
  return real === join(parent, basename(dir))
}
