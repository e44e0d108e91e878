import { readSmallFile, type SmallFileProblem } from '../files/read-small-file.js'

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
  const read = await readSmallFile(path, MAX_SECRET_BYTES)
  if (!read.ok) {
    return {
      ok: false,
      problem: problemText(path, read.problem),
      missing: read.problem.kind === 'missing',
    }
  }
  const value = read.text.trim()
  if (value === '') return { ok: false, problem: `${path} is empty`, missing: false }
  return (read.mode & 0o044) === 0 ? { ok: true, value } : { ok: true, value, looseMode: read.mode }
}

function problemText(path: string, problem: SmallFileProblem): string {
  switch (problem.kind) {
    case 'missing':
      return `${path} does not exist`
    case 'not-file':
      return `${path} is not a regular file`
    case 'too-large':
      return `${path} is ${problem.size} bytes; expected just the secret`
    case 'read':
      return `cannot read ${path}: ${problem.code}`
    case 'open':
      if (problem.code === 'ELOOP') return `${path} is a symlink loop`
      if (problem.code === 'EACCES' || problem.code === 'EPERM') {
        return `cannot read ${path}: permission denied for the bot's user (it must own the file, mode 600)`
      }
      if (problem.code === 'EISDIR') return `${path} is a directory, not a file`
      return `cannot read ${path}: ${problem.code}`
  }
}
