import { describe, expect, it } from 'vitest'
import { catchError } from '../test/catch-error.js'
import { makeManager } from '../test/manager.js'
import { useTempDir } from '../test/temp-dir.js'
import { InvalidUpdateError } from './index.js'

const tmp = useTempDir()

describe('updatePersonaSettings', () => {
  it('changes the session copy only, and null drops a setting', async () => {
    const manager = makeManager(tmp.path)
    await manager.create({ owner: '42', name: 'main', persona: 'planner' })
    const updated = await manager.updatePersonaSettings('42', 'main', { model: 'opus' })
    expect(updated.settings).toMatchObject({ model: 'opus', permissionMode: 'plan' })
    expect(await manager.readPersona('42', 'main')).toEqual(updated)
    expect((await manager.personas.get('planner')).settings.model).toBeUndefined()

    const cleared = await manager.updatePersonaSettings('42', 'main', { permissionMode: null })
    expect(cleared.settings).toEqual({ model: 'opus' })
  })

  it.each([[{ model: '' }], [{ maxTurns: 0 }], [{ permissionMode: 'yolo' }], [{ colour: 'red' }]])(
    'rejects %j with a clear error and leaves the file alone',
    async (patch) => {
      const manager = makeManager(tmp.path)
      await manager.create({ owner: '42', name: 'main' })
      const before = await manager.readPersona('42', 'main')
      const error = await catchError(() =>
        manager.updatePersonaSettings('42', 'main', patch as never),
      )
      expect(error).toBeInstanceOf(InvalidUpdateError)
      expect(await manager.readPersona('42', 'main')).toEqual(before)
    },
  )
})
