import { readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { makeManager } from '../test/manager.js'
import { useTempDir } from '../test/temp-dir.js'
import { SessionLimitError } from './index.js'

const tmp = useTempDir()

describe('maxSessionsPerOwner', () => {
  it('refuses a create past the limit with a coded error; a delete makes room', async () => {
    const manager = makeManager(tmp.path, { maxSessionsPerOwner: 2 })
    await manager.create({ owner: '42', name: 'a' })
    await manager.create({ owner: '42', name: 'b' })
    const refused = await manager.create({ owner: '42', name: 'c' }).catch((e: unknown) => e)
    expect(refused).toBeInstanceOf(SessionLimitError)
    expect(refused).toMatchObject({ code: 'SESSION_LIMIT', owner: '42', limit: 2 })
    await manager.create({ owner: '7', name: 'c' }) // per owner
    await manager.delete('42', 'a')
    await manager.create({ owner: '42', name: 'c' })
    expect((await manager.list({ owner: '42' })).sessions.map((s) => s.name).sort()).toEqual([
      'b',
      'c',
    ])
  })

  it('holds under concurrent creates from two managers (two processes on one data dir)', async () => {
    const one = makeManager(tmp.path, { maxSessionsPerOwner: 5 })
    const two = makeManager(tmp.path, { maxSessionsPerOwner: 5 })
    const results = await Promise.allSettled(
      Array.from({ length: 12 }, (_, i) =>
        (i % 2 ? one : two).create({ owner: '42', name: `s${i}` }),
      ),
    )
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(5)
    for (const r of results) {
      if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(SessionLimitError)
    }
    expect((await one.list({ owner: '42' })).sessions).toHaveLength(5)
    // Refused creates leave nothing behind: no staging dirs, no name entries.
    const owner = join(tmp.path, 'sessions', '42')
    expect(await readdir(join(owner, '.staging')).catch(() => [])).toEqual([])
    expect((await readdir(join(owner, '.names'))).filter((n) => !n.startsWith('.'))).toHaveLength(5)
  })
})
