import { realpath, stat } from 'node:fs/promises'
import { resolve } from 'node:path'
import { isInside } from '@switchboard/core'

/** Telegram's limit for files a bot uploads. */
export const BOT_UPLOAD_LIMIT_BYTES = 50 * 1024 * 1024

export type GetFileProblem = 'outside' | 'missing' | 'not_a_file' | 'too_big' | 'empty'

/** Why /get refused a path; the message is safe to show (it names only what the user typed). */
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

/**
 * Resolves `input` inside the session's working directory for /get. Relative paths resolve against
 * it; the real path (after every symlink) must stay inside it, and must be a non-empty regular file
 * within Telegram's upload limit.
 */
export async function resolveSessionFile(
  workingDirectory: string,
  input: string,
): Promise<{ path: string; size: number }> {
  const root = await realpath(workingDirectory)
  const requested = resolve(root, input)
  if (!isInside(root, requested)) throw outside(input)
  let real: string
  try {
    real = await realpath(requested)
  } catch {
    throw new GetFileError('missing', `There is no file ${input} in the session’s directory.`)
  }
  if (!isInside(root, real)) throw outside(input)
  const info = await stat(real)
  if (!info.isFile()) {
    throw new GetFileError('not_a_file', `${input} is not a regular file (a directory?).`)
  }
  if (info.size === 0) throw new GetFileError('empty', `${input} is empty; Telegram can’t send it.`)
  if (info.size > BOT_UPLOAD_LIMIT_BYTES) {
    const mb = (info.size / 1024 / 1024).toFixed(1)
    throw new GetFileError(
      'too_big',
      `${input} is ${mb} MB; Telegram bots can only send files up to 50 MB.`,
    )
  }
  return { path: real, size: info.size }
}

function outside(input: string): GetFileError {
  return new GetFileError(
    'outside',
    `${input} is outside the session’s directory; /get only sends files from inside it.`,
  )
}
