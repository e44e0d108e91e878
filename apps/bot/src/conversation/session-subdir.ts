import { mkdir } from 'node:fs/promises'

/**
 * Creates `dir` (0700) inside a session's directory, but never its parents: a session deleted or
 * archived meanwhile must not be brought back as an empty directory.
 */
export async function mkdirInSession(dir: string): Promise<void> {
  await mkdir(dir, { mode: 0o700 }).catch((error: unknown) => {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
  })
}
