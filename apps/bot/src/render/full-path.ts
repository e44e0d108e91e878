/**
 * Paths as a permission prompt shows them: whole and absolute (a relative or `..` path resolved
 * against the session's working directory, the way the tool will), with a marker when the path
 * leaves that directory — also when it only looks inside: a symlink on the way (made by an earlier
 * command) is followed on disk, and where it really leads is shown.
 */

import { realpathSync } from 'node:fs'
import { posix } from 'node:path'

export const OUTSIDE_MARKER = '⚠️ outside this session’s directory'

export interface PromptPath {
  /** The absolute, normalised path ('~/…' stays as written: only the CLI knows its home). */
  absolute: string
  /** The path as Claude wrote it, when that differs from `absolute`. */
  asWritten: string | undefined
  /** True when `absolute`, or where it really leads, is not the working directory or below it. */
  outside: boolean
  /** Where a symlink on the way really leads, when that differs from `absolute`. */
  real: string | undefined
}

export function promptPath(raw: string, cwd: string | undefined): PromptPath {
  if (raw.startsWith('~'))
    return { absolute: raw, asWritten: undefined, outside: cwd !== undefined, real: undefined }
  const absolute =
    cwd === undefined && !posix.isAbsolute(raw) ? raw : posix.resolve(cwd ?? '/', raw)
  const real = posix.isAbsolute(absolute) ? realTarget(absolute) : absolute
  const inside = (path: string, dir: string) => isWithin(posix.resolve(dir), path)
  return {
    absolute,
    asWritten: absolute === raw ? undefined : raw,
    outside:
      cwd !== undefined &&
      (!inside(absolute, cwd) || !inside(real, realTarget(posix.resolve(cwd)))),
    real: real === absolute ? undefined : real,
  }
}

/** The path with every symlink on the way resolved; the part that doesn't exist yet is kept as is. */
function realTarget(path: string): string {
  const missing: string[] = []
  let existing = path
  for (;;) {
    try {
      return posix.join(realpathSync(existing), ...missing)
    } catch {
      if (existing === '/') return path
      missing.unshift(posix.basename(existing))
      existing = posix.dirname(existing)
    }
  }
}

function isWithin(directory: string, path: string): boolean {
  if (path === directory) return true
  const base = directory.endsWith('/') ? directory : `${directory}/`
  return path.startsWith(base)
}
