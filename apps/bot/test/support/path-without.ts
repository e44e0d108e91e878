import { readdir, symlink } from 'node:fs/promises'
import { delimiter, join } from 'node:path'

/**
 * Fills `dir` with symlinks to every program on `path` except `names` (first match wins, as a PATH
 * lookup would) and returns `dir`, to use as a PATH on which those programs are missing.
 */
export async function pathWithout(
  names: readonly string[],
  dir: string,
  path = process.env.PATH ?? '',
): Promise<string> {
  const taken = new Set(names)
  for (const source of path.split(delimiter).filter(Boolean)) {
    const entries = await readdir(source).catch(() => [] as string[])
    for (const entry of entries) {
      if (taken.has(entry)) continue
      taken.add(entry)
      await symlink(join(source, entry), join(dir, entry))
    }
  }
  return dir
}
