import { realpath, stat } from 'node:fs/promises'
import { isAbsolute, relative, sep } from 'node:path'
import { DirectoryNotAllowedError, InvalidDirectoryError } from './errors.js'

/**
 * Validates a project directory a session binds to and returns its real path: it must be an
 * absolute path to an existing directory and, when roots are given, inside one of them.
 * Both sides are compared as real paths, so symlinks cannot smuggle a directory in.
 */
export async function resolveProjectDir(input: string, roots: readonly string[]): Promise<string> {
  if (typeof input !== 'string' || input.length === 0 || input.includes('\0')) {
    throw new InvalidDirectoryError(String(input), 'expected an absolute path')
  }
  if (!isAbsolute(input)) throw new InvalidDirectoryError(input, 'must be an absolute path')
  let real: string
  try {
    real = await realpath(input)
  } catch {
    throw new InvalidDirectoryError(input, 'does not exist')
  }
  if (!(await stat(real)).isDirectory()) {
    throw new InvalidDirectoryError(input, 'is not a directory')
  }
  if (roots.length > 0) {
    const realRoots = await Promise.all(roots.map((root) => realpath(root).catch(() => null)))
    if (!realRoots.some((root) => root !== null && isInside(root, real))) {
      throw new DirectoryNotAllowedError(real, roots)
    }
  }
  return real
}

/** True when `path` is `root` or below it. Path-aware: "/rootsX" is not inside "/roots". */
export function isInside(root: string, path: string): boolean {
  const rel = relative(root, path)
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel))
}
