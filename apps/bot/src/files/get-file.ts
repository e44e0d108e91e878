import { constants } from 'node:fs'
import { type FileHandle, open, readlink, realpath, stat } from 'node:fs/promises'
import { basename, resolve } from 'node:path'
import { isInside } from '@switchboard/core'
import { excerpt } from '../render/truncate.js'

/** Telegram's limit for files a bot uploads. */
export const BOT_UPLOAD_LIMIT_BYTES = 50 * 1024 * 1024

export type GetFileProblem = 'outside' | 'missing' | 'not_a_file' | 'too_big' | 'empty'

/** Why /get refused a path; the message is safe to show (it quotes a bounded excerpt of the input). */
export class GetFileError extends Error {
  readonly code = 'GET_FILE'
  constructor(
    readonly problem: GetFileProblem,
    message: string,
  ) {
    super(message)
    this.name = 'GetFileError'
  }
}

/** A file /get checked and holds open: what it sends is read from this descriptor, never by name. */
export interface OpenedFile {
  /** The file's name (last component of its real path), for the upload. */
  name: string
  size: number
  /** Reads the whole file from offset 0 (at most `size` bytes, as fstat saw it). */
  read(): Promise<Buffer>
  close(): Promise<void>
}

// O_NONBLOCK: opening a FIFO must not hang the bot; fstat refuses it right after.
const OPEN_FLAGS = constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK

/**
 * Opens `input` inside the session's working directory for /get. Relative paths resolve against
 * it; the real path (after every symlink) must stay inside it. The file is opened once, without
 * following a symlink swapped in after the check, the descriptor is checked to still be inside
 * the directory, and `fstat` on it must show a non-empty regular file within Telegram's limit.
 */
export async function openSessionFile(
  workingDirectory: string,
  input: string,
): Promise<OpenedFile> {
  const root = await realpath(workingDirectory)
  const requested = resolve(root, input)
  if (!isInside(root, requested)) throw outside(input)
  let real: string
  try {
    real = await realpath(requested)
  } catch {
    throw new GetFileError(
      'missing',
      `There is no file ${excerpt(input)} in the session’s directory.`,
    )
  }
  if (!isInside(root, real)) throw outside(input)
  let handle: FileHandle
  try {
    handle = await open(real, OPEN_FLAGS)
  } catch (error) {
    // ELOOP: the last component became a symlink after realpath.
    if ((error as NodeJS.ErrnoException).code === 'ELOOP') throw outside(input)
    throw new GetFileError(
      'missing',
      `There is no file ${excerpt(input)} in the session’s directory.`,
    )
  }
  try {
    // A directory above it may have been swapped for a symlink after realpath: ask where the
    // descriptor really points.
    if (!isInside(root, await openedPath(handle, real))) throw outside(input)
    const info = await handle.stat()
    checkFile(input, info)
    return {
      name: basename(real),
      size: info.size,
      read: () => readAll(handle, info.size),
      close: () => handle.close(),
    }
  } catch (error) {
    await handle.close()
    throw error
  }
}

function checkFile(input: string, info: { isFile(): boolean; size: number }): void {
  const shown = excerpt(input)
  if (!info.isFile()) {
    throw new GetFileError('not_a_file', `${shown} is not a regular file (a directory?).`)
  }
  if (info.size === 0) throw new GetFileError('empty', `${shown} is empty; Telegram can’t send it.`)
  if (info.size > BOT_UPLOAD_LIMIT_BYTES) {
    const mb = (info.size / 1024 / 1024).toFixed(1)
    throw new GetFileError(
      'too_big',
      `${shown} is ${mb} MB; Telegram bots can only send files up to 50 MB.`,
    )
  }
}

/**
 * The path the kernel has for an open descriptor (Linux: /proc/self/fd). Elsewhere, the path is
 * resolved again and must still be the same file (narrower than the descriptor check, not nothing).
 */
async function openedPath(handle: FileHandle, real: string): Promise<string> {
  try {
    return await readlink(`/proc/self/fd/${handle.fd}`)
  } catch {
    const [again, byPath, byFd] = await Promise.all([realpath(real), stat(real), handle.stat()])
    return byPath.dev === byFd.dev && byPath.ino === byFd.ino ? again : '/'
  }
}

async function readAll(handle: FileHandle, size: number): Promise<Buffer> {
  const buffer = Buffer.alloc(size)
  let filled = 0
  while (filled < size) {
    const { bytesRead } = await handle.read(buffer, filled, size - filled, filled)
    if (bytesRead === 0) break // the file shrank meanwhile: send what is there
    filled += bytesRead
  }
  return filled === size ? buffer : buffer.subarray(0, filled)
}

function outside(input: string): GetFileError {
  return new GetFileError(
    'outside',
    `${excerpt(input)} is outside the session’s directory; /get only sends files from inside it.`,
  )
}
