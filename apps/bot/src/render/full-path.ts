/**
 * Paths as a permission prompt shows them: whole and absolute (a relative or `..` path resolved
 * against the session's working directory, the way the tool will), with a marker when the path
 * leaves that directory. The check is lexical: a prompt is rendered without touching the disk.
 */

import { posix } from 'node:path'

export const OUTSIDE_MARKER = '⚠️ outside this session’s directory'

export interface PromptPath {
  /** The absolute, normalised path ('~/…' stays as written: only the CLI knows its home). */
  absolute: string
  /** The path as Claude wrote it, when that differs from `absolute`. */
  asWritten: string | undefined
  /** True when `absolute` is not the working directory or below it (unknown cwd: false). */
  outside: boolean
}

export function promptPath(raw: string, cwd: string | undefined): PromptPath {
  if (raw.startsWith('~'))
    return { absolute: raw, asWritten: undefined, outside: cwd !== undefined }
  const absolute =
    cwd === undefined && !posix.isAbsolute(raw) ? raw : posix.resolve(cwd ?? '/', raw)
  return {
    absolute,
    asWritten: absolute === raw ? undefined : raw,
    outside: cwd !== undefined && !isWithin(posix.resolve(cwd), absolute),
  }
}

function isWithin(directory: string, path: string): boolean {
  if (path === directory) return true
  const base = directory.endsWith('/') ? directory : `${directory}/`
  return path.startsWith(base)
}
