import { mkdtemp, realpath, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach } from 'vitest'

/** A fresh real temp dir per test, removed afterwards; read `.path` inside a test. */
export function useTempDir(prefix = 'switchboard-core-'): { path: string } {
  const dir = { path: '' }
  beforeEach(async () => {
    dir.path = await realpath(await mkdtemp(join(tmpdir(), prefix)))
  })
  afterEach(async () => {
    await rm(dir.path, { recursive: true, force: true })
  })
  return dir
}
