import { mkdir } from 'node:fs/promises'
import writeFileAtomic from 'write-file-atomic'
import { asStorageError } from './storage-errors.js'

/**
 * Everything core creates is private to the user running it, whatever the process umask: the data
 * dir holds prompts, answers and audit logs. (A umask only clears bits, so these never widen.)
 */
export const PRIVATE_DIR_MODE = 0o700
export const PRIVATE_FILE_MODE = 0o600

/** `mkdir -p` that creates every missing directory 0700 (existing ones are left as they are). */
export async function mkdirPrivate(path: string): Promise<void> {
  await mkdir(path, { recursive: true, mode: PRIVATE_DIR_MODE }).catch((error: unknown) => {
    throw asStorageError(error)
  })
}

/**
 * Writes a 0600 file atomically: temp file in the same dir, fsync, rename (never a torn file).
 * Disk full, permission and read-only failures throw a StorageError naming `reportPath`.
 */
export async function writePrivateFile(
  path: string,
  data: string | Buffer,
  reportPath = path,
): Promise<void> {
  await writeFileAtomic(path, data, { fsync: true, mode: PRIVATE_FILE_MODE }).catch(
    (error: unknown) => {
      throw asStorageError(error, reportPath)
    },
  )
}
