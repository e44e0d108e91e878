import { constants } from 'node:fs'
import { open } from 'node:fs/promises'

/** Why a small file could not be read; each caller words it for its own reply or log line. */
export type SmallFileProblem =
  | { kind: 'missing' }
  /** `open` failed: `code` is the errno name (ELOOP, EACCES, EISDIR, …). */
  | { kind: 'open'; code: string | undefined }
  | { kind: 'not-file' }
  | { kind: 'too-large'; size: number }
  | { kind: 'read'; code: string | undefined }

export type SmallFile =
  | { ok: true; text: string; mode: number }
  | { ok: false; problem: SmallFileProblem }

/**
 * Reads a small regular file (a token, a settings file) through one descriptor: what is checked is
 * what is read. O_NONBLOCK: a FIFO put in the file's place must not hang the bot (no effect on files).
 */
export async function readSmallFile(path: string, maxBytes: number): Promise<SmallFile> {
  let handle: Awaited<ReturnType<typeof open>>
  try {
    handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    const missing = code === 'ENOENT' || code === 'ENOTDIR'
    return { ok: false, problem: missing ? { kind: 'missing' } : { kind: 'open', code } }
  }
  try {
    const info = await handle.stat()
    if (!info.isFile()) return { ok: false, problem: { kind: 'not-file' } }
    if (info.size > maxBytes) return { ok: false, problem: { kind: 'too-large', size: info.size } }
    return { ok: true, text: await handle.readFile('utf8'), mode: info.mode & 0o777 }
  } catch (error) {
    return { ok: false, problem: { kind: 'read', code: (error as NodeJS.ErrnoException).code } }
  } finally {
    await handle.close()
  }
}
