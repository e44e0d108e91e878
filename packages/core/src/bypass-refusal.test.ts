import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { beforeEach, describe, expect, it } from 'vitest'
import { catchError } from '../test/catch-error.js'
import { makeManager } from '../test/manager.js'
import { useTempDir } from '../test/temp-dir.js'
import { PersonaBypassRefusedError, PersonaLibrary, type SessionManager } from './index.js'

// Claude once raised its own permissions by writing personas/default.json, or its session's
// persona.json, with "bypassPermissions". Neither may take effect unless the operator allows it.
const tmp = useTempDir()
let builtinDir: string
let dataDir: string

const persona = (name: string, settings: Record<string, unknown> = {}) =>
  JSON.stringify({
    name,
    description: `${name} persona`,
    systemPrompt: `You are ${name}.`,
    settings,
  })
const bypass = { permissionMode: 'bypassPermissions' }

beforeEach(async () => {
  builtinDir = join(tmp.path, 'builtin')
  dataDir = join(tmp.path, 'data')
  await mkdir(builtinDir)
  await mkdir(join(dataDir, 'personas'), { recursive: true })
  await writeFile(join(builtinDir, 'default.json'), persona('default'))
  await writeFile(join(builtinDir, 'yolo.json'), persona('yolo', bypass))
})

const library = (allowBypassPermissions?: boolean) =>
  new PersonaLibrary({
    dataDir,
    builtinDir,
    ...(allowBypassPermissions === undefined ? {} : { allowBypassPermissions }),
  })

describe('bypassPermissions in the persona library', () => {
  it('skips a shipped or user file that asks for it, naming the file', async () => {
    const user = join(dataDir, 'personas', 'ops.json')
    await writeFile(user, persona('ops', bypass))
    const { personas, issues } = await library().load()
    expect(personas.map((p) => p.name)).toEqual(['default'])
    for (const path of [join(builtinDir, 'yolo.json'), user]) {
      expect(issues).toContainEqual({
        path,
        field: 'settings.permissionMode',
        message: expect.stringContaining('bypassPermissions'),
        code: 'PERSONA_BYPASS_REFUSED',
      })
    }
  })

  it('refuses a user override of a shipped persona instead of quietly falling back to it', async () => {
    const user = join(dataDir, 'personas', 'default.json')
    await writeFile(user, persona('default', bypass))
    const error = await catchError(() => library().get('default'))
    expect(error).toBeInstanceOf(PersonaBypassRefusedError)
    expect(error).toMatchObject({ code: 'PERSONA_BYPASS_REFUSED', path: user })
  })

  it('loads them when the operator allows bypass', async () => {
    expect((await library(true).get('yolo')).settings.permissionMode).toBe('bypassPermissions')
  })
})

describe('bypassPermissions in a session persona.json', () => {
  let manager: SessionManager
  let personaPath: string
  let id: string
  beforeEach(async () => {
    manager = makeManager(dataDir, { personas: library() })
    const meta = await manager.create({ owner: '1', name: 'main' })
    id = meta.id
    personaPath = join(dataDir, 'sessions', '1', id, 'persona.json')
  })

  it('is refused when read to start the CLI, and can be patched away', async () => {
    await writeFile(personaPath, persona('default', bypass))
    const error = await catchError(() => manager.readPersonaById('1', id))
    expect(error).toMatchObject({ code: 'PERSONA_BYPASS_REFUSED', path: personaPath })
    await expect(manager.readPersona('1', 'main')).rejects.toBeInstanceOf(PersonaBypassRefusedError)
    await manager.updatePersonaSettings('1', 'main', { permissionMode: 'default' })
    expect((await manager.readPersonaById('1', id)).settings.permissionMode).toBe('default')
  })

  it('is never written by a settings patch', async () => {
    const before = await readFile(personaPath, 'utf8')
    await expect(
      manager.updatePersonaSettings('1', 'main', { permissionMode: 'bypassPermissions' }),
    ).rejects.toMatchObject({ code: 'PERSONA_BYPASS_REFUSED' })
    expect(await readFile(personaPath, 'utf8')).toBe(before)
  })

  it('is accepted when allowed (the manager follows its library, or its own option)', async () => {
    for (const allowed of [
      makeManager(dataDir, { personas: library(true) }),
      makeManager(dataDir, { personas: library(), allowBypassPermissions: true }),
    ]) {
      await allowed.updatePersonaSettings('1', 'main', { permissionMode: 'bypassPermissions' })
      expect((await allowed.readPersonaById('1', id)).settings.permissionMode).toBe(
        'bypassPermissions',
      )
    }
  })
})
