/**
 * Paths as a permission prompt shows them: whole and absolute (a relative or `..` path resolved
 * against the session's working directory, the way the tool will), with a marker when the path
 * leaves that directory — also when it only looks inside: a symlink on the way (made by an earlier
 * command) is followed on disk, and where it really leads is shown.
 */

import { posix } from 'node:path'
import { isInside } from '@switchboard/core'
import { realTarget } from '@switchboard/process'

export const OUTSIDE_MARKER = '⚠️ outside this session’s directory'

export interface PromptPath {
  /** The absolute, normalised path ('~/…' stays as written: only the CLI knows its home). */
  absolute: string
  /** The path as Claude wrote it, when that differs from `absolute`. */
  asWritten: string | undefined
  /** True when `absolute`, or where it really leads, is not the working directory or below it. */
  outside: boolean
  /** Where a symlink on the way really leads, when that differs from `absolute` (and can be told). */
  real: string | undefined
}

/** The path resolved against the working directory as the tool will (no disk access; '~' as written). */
export function absolutePath(raw: string, cwd: string | undefined): string {
  if (raw.startsWith('~') || (cwd === undefined && !posix.isAbsolute(raw))) return raw
  return posix.resolve(cwd ?? '/', raw)
}

export function promptPath(raw: string, cwd: string | undefined): PromptPath {
  if (raw.startsWith('~'))
    return { absolute: raw, asWritten: undefined, outside: cwd !== undefined, real: undefined }
  const absolute = absolutePath(raw, cwd)
  // A dangling or looping link resolves to nothing: then it counts as outside.
  const real = posix.isAbsolute(absolute) ? realTarget(absolute) : absolute
  const dir = cwd === undefined ? undefined : posix.resolve(cwd)
  const realDir = dir === undefined ? undefined : (realTarget(dir) ?? dir)
  const outside =
    dir !== undefined &&
    (!isInside(dir, absolute) || real === undefined || !isInside(realDir ?? dir, real))
  return {
    absolute,
    asWritten: absolute === raw ? undefined : raw,
    outside,
    real: real === absolute ? undefined : real,
  }
}
