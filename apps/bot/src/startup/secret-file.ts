import { constants } from 'node:fs'
import { open } from 'node:fs/promises'

/** A token or key file holds one short line; anything bigger is the wrong file. */
const MAX_SECRET_BYTES = 4_096

export type SecretFileResult =
  | {
      ok: true
      value: string /** Set when group or others may read the file. */
      looseMode?: number
    }
  | { ok: false; problem: string /** The path does not exist. */; missing: boolean }

/**
 * Reads a secret from a file (one value; surrounding whitespace and the final newline are dropped).
 * The descriptor is checked, not the name, so what is checked is what is read. Problems are phrased
 * to follow the file's path, and never quote its content.
 */
export async function readSecretFile(path: string): Promise<SecretFileResult> {
  let handle: Awaited<ReturnType<typeof open>>
  try {
    // O_NONBLOCK: a FIFO put in the file's place must not hang start-up (no effect on files).
    handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    const missing = code === 'ENOENT' || code === 'ENOTDIR'
    return { ok: false, problem: openProblem(path, error), missing }
  }
  try {
    const info = await handle.stat()
    if (!info.isFile()) return failed(`${path} is not a regular file`)
    if (info.size > MAX_SECRET_BYTES) {
      return failed(`${path} is ${info.size} bytes; expected just the secret`)
    }
    const value = (await handle.readFile('utf8')).trim()
    if (value === '') return failed(`${path} is empty`)
    const mode = info.mode & 0o777
    return (mode & 0o044) === 0 ? { ok: true, value } : { ok: true, value, looseMode: mode }
  } catch (error) {
    return failed(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code}`)
  } finally {
    await handle.close()
  }
}

const failed = (problem: string): SecretFileResult => ({ ok: false, problem, missing: false })

function openProblem(path: string, error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code
  if (code === 'ENOENT' || code === 'ENOTDIR') return `${path} does not exist`
  if (code === 'ELOOP') return `${path} is a symlink loop`
  if (code === 'EACCES' || code === 'EPERM') {
    return `cannot read ${path}: permission denied for the bot's user (it must own the file, mode 600)`
  }
  if (code === 'EISDIR') return `${path} is a directory, not a file`
  return `cannot read ${path}: ${code ?? String(error)}`
}
