import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { catchError } from '../test/catch-error.js'
import { makeManager } from '../test/manager.js'
import { useTempDir } from '../test/temp-dir.js'
import { SessionNotFoundError } from './index.js'

const tmp = useTempDir()

describe('id-based access (for the process layer)', () => {
  it('updates a session by id even after it was renamed', async () => {
    const manager = makeManager(tmp.path)
    const meta = await manager.create({ owner: '42', name: 'main' })
    await manager.rename('42', 'main', 'work')
    const updated = await manager.updateById('42', meta.id, {
      claudeSessionId: 'abc',
      addUsage: { turns: 1, costUsd: 0.5 },
    })
    expect(updated).toMatchObject({ name: 'work', claudeSessionId: 'abc', usage: { turns: 1 } })
    expect(await manager.get('42', 'work')).toMatchObject({ claudeSessionId: 'abc' })
  })

  it('reads the persona copy by id and exposes the session directory', async () => {
    const manager = makeManager(tmp.path)
    const meta = await manager.create({ owner: '42', name: 'main', persona: 'planner' })
    expect((await manager.readPersonaById('42', meta.id)).name).toBe('planner')
    expect(manager.sessionDirectory('42', meta.id)).toBe(join(tmp.path, 'sessions', '42', meta.id))
  })

  it.each(['../x', '', 'a/b', '..'])('rejects the id %j without touching the disk', async (id) => {
    const manager = makeManager(tmp.path)
    expect(await catchError(() => manager.updateById('42', id, { touch: true }))).toBeInstanceOf(
      SessionNotFoundError,
    )
    expect(() => manager.sessionDirectory('42', id)).toThrow(SessionNotFoundError)
  })

  it('reports a deleted session as not found', async () => {
    const manager = makeManager(tmp.path)
    const meta = await manager.create({ owner: '42', name: 'main' })
    await manager.delete('42', 'main')
    expect(
      await catchError(() => manager.updateById('42', meta.id, { touch: true })),
    ).toBeInstanceOf(SessionNotFoundError)
  })
})
