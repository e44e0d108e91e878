import { realpath, stat } from 'node:fs/promises'
import { isAbsolute, relative, resolve, sep } from 'node:path'
import {
  DirectoryNotAllowedError,
  InvalidDirectoryError,
  ProtectedDirectoryError,
  type ProtectedDirectoryKind,
} from './errors.js'

/** Which directories a session may bind to. */
export interface ProjectDirRules {
  /** When non-empty, only directories inside one of these. */
  roots: readonly string[]
  /** Never bound to, entered or contained, roots or not: the data dir, the app's own checkout. */
  privateDirs: readonly { path: string; kind: 'data' | 'private' }[]
  /** Without roots, never bound to or contained (`/` always is): the home directory. */
  broadDirs: readonly string[]
}

/**
 * Validates a project directory a session binds to and returns its real path: it must be an
 * absolute path to an existing directory, clear of the protected directories and, when roots are
 * given, inside one of them. Every side is compared as a real path, so symlinks cannot smuggle a
 * directory in.
 */
export async function resolveProjectDir(input: string, rules: ProjectDirRules): Promise<string> {
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
  await checkProtected(real, rules)
  if (rules.roots.length > 0) {
    const realRoots = await Promise.all(rules.roots.map((root) => realpath(root).catch(() => null)))
    if (!realRoots.some((root) => root !== null && isInside(root, real))) {
      throw new DirectoryNotAllowedError(real, rules.roots)
    }
  }
  return real
}

async function checkProtected(real: string, rules: ProjectDirRules): Promise<void> {
  const rootsConfigured = rules.roots.length > 0
  // Broad dirs first: `/` is refused as too broad rather than for the data dir somewhere below it.
  const guarded: { path: string; kind: ProtectedDirectoryKind; allowInside: boolean }[] = [
    ...(rootsConfigured
      ? []
      : ['/', ...rules.broadDirs].map((path) => ({
          path,
          kind: 'broad' as const,
          allowInside: true,
        }))),
    ...rules.privateDirs.map((dir) => ({ ...dir, allowInside: false })),
  ]
  for (const dir of guarded) {
    const protectedDir = await realOrResolved(dir.path)
    const relation =
      real === protectedDir
        ? 'is'
        : isInside(real, protectedDir)
          ? 'contains'
          : !dir.allowInside && isInside(protectedDir, real)
            ? 'inside'
            : null
    if (relation) {
      throw new ProtectedDirectoryError(real, protectedDir, dir.kind, relation, rootsConfigured)
    }
  }
}

/** The real path of a directory, or just its resolved path while it does not exist. */
async function realOrResolved(path: string): Promise<string> {
  return realpath(path).catch(() => resolve(path))
}

/** True when `path` is `root` or below it. Path-aware: "/rootsX" is not inside "/roots". */
export function isInside(root: string, path: string): boolean {
  const rel = relative(root, path)
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel))
}
