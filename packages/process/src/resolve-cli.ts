import { constants } from 'node:fs'
import { access, stat } from 'node:fs/promises'
import { delimiter, isAbsolute, join, resolve } from 'node:path'
import { CliNotExecutableError, CliNotFoundError } from './errors.js'

/**
 * The absolute path of the CLI to spawn: `claudePath` itself when it contains a slash, else the first
 * match on the child's PATH. Throws `CLI_NOT_FOUND` / `CLI_NOT_EXECUTABLE` naming the path, so a
 * misconfiguration is reported as such rather than as a spawn failure.
 */
export async function resolveCli(
  claudePath: string,
  pathVariable: string | undefined,
): Promise<string> {
  if (claudePath.includes('/')) {
    const absolute = isAbsolute(claudePath) ? claudePath : resolve(claudePath)
    await assertExecutable(absolute)
    return absolute
  }
  let found: string | undefined
  for (const dir of (pathVariable ?? '').split(delimiter).filter((d) => d !== '')) {
    const candidate = join(dir, claudePath)
    const kind = await fileKind(candidate)
    if (kind === 'executable') return candidate
    if (kind === 'not-executable') found ??= candidate
  }
  if (found) throw new CliNotExecutableError(found)
  throw new CliNotFoundError(`${claudePath} (searched PATH)`)
}

async function assertExecutable(path: string): Promise<void> {
  const kind = await fileKind(path)
  if (kind === 'missing') throw new CliNotFoundError(path)
  if (kind === 'not-executable') throw new CliNotExecutableError(path)
}

async function fileKind(path: string): Promise<'missing' | 'not-executable' | 'executable'> {
  try {
    const info = await stat(path)
    if (!info.isFile()) return 'not-executable'
    await access(path, constants.X_OK)
    return 'executable'
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'missing' : 'not-executable'
  }
}
