import { chmod, lstat, mkdir, readdir, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { makeManager } from '../test/manager.js'
import { useTempDir } from '../test/temp-dir.js'
import { ensurePrivateDataDir } from './index.js'

const tmp = useTempDir()

// A permissive umask, as a login shell or an old unit would have: modes must not depend on it.
let savedUmask: number
beforeEach(() => {
  savedUmask = process.umask(0o022)
})
afterEach(() => {
  process.umask(savedUmask)
})

/** Every entry under `dir` with its permission bits, depth first. */
async function walk(dir: string): Promise<{ path: string; dir: boolean; mode: number }[]> {
  const found: { path: string; dir: boolean; mode: number }[] = []
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    const mode = (await lstat(path)).mode & 0o777
    found.push({ path, dir: entry.isDirectory(), mode })
    if (entry.isDirectory()) found.push(...(await walk(path)))
  }
  return found
}

describe('file modes under the data dir', () => {
  it('are 0700 for every directory and 0600 for every file, whatever the umask', async () => {
    const dataDir = join(tmp.path, 'data')
    const project = join(tmp.path, 'project')
    await mkdir(project)
    const manager = makeManager(dataDir)
    await manager.create({ owner: '1', name: 'a' })
    await manager.create({ owner: '1', name: 'b', projectDir: project })
    await manager.create({ owner: '2', name: 'c' })
    await manager.switch('1', 'a')
    await manager.rename('1', 'b', 'bound')
    await manager.updatePersonaSettings('1', 'a', { model: 'opus' })
    const c = await manager.get('2', 'c')
    await manager.addAllowRule('2', c.id, 'Bash(npm test:*)')
    await manager.delete('2', 'c')

    const entries = await walk(dataDir)
    const kinds = entries.map((e) => e.path.slice(dataDir.length))
    // The tree really has each kind of file: name index, active pointer, archive, workspace.
    expect(kinds).toEqual(
      expect.arrayContaining(['/sessions/1/.names/a', '/sessions/1/active', '/archive/2']),
    )
    expect(kinds.some((k) => k.endsWith('/workspace'))).toBe(true)
    const loose = entries.filter((e) => (e.dir ? e.mode & 0o077 : e.mode !== 0o600))
    expect(loose).toEqual([])
    expect((await stat(dataDir)).mode & 0o777).toBe(0o700)
  })

  it('ensurePrivateDataDir creates the dir 0700 and tightens an existing loose one once', async () => {
    const fresh = join(tmp.path, 'fresh', 'data')
    expect(await ensurePrivateDataDir(fresh)).toBeNull()
    expect((await stat(fresh)).mode & 0o777).toBe(0o700)

    const old = join(tmp.path, 'old')
    await mkdir(old)
    await chmod(old, 0o755)
    expect(await ensurePrivateDataDir(old)).toBe(0o755)
    expect((await stat(old)).mode & 0o777).toBe(0o700)
    expect(await ensurePrivateDataDir(old)).toBeNull()
  })
})
