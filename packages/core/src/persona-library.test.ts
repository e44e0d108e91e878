import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { beforeEach, describe, expect, it } from 'vitest'
import { catchError } from '../test/catch-error.js'
import { useTempDir } from '../test/temp-dir.js'
import { PersonaInvalidError, PersonaNotFoundError } from './errors.js'
import { PersonaLibrary } from './persona-library.js'

const tmp = useTempDir()
let builtinDir: string
let dataDir: string

async function writePersona(dir: string, file: string, content: unknown): Promise<string> {
  const path = join(dir, file)
  await writeFile(path, typeof content === 'string' ? content : JSON.stringify(content))
  return path
}

const persona = (name: string, extra: Record<string, unknown> = {}) => ({
  name,
  description: `${name} persona`,
  systemPrompt: `You are ${name}.`,
  ...extra,
})

beforeEach(async () => {
  builtinDir = join(tmp.path, 'builtin')
  dataDir = join(tmp.path, 'data')
  await mkdir(builtinDir)
  await mkdir(join(dataDir, 'personas'), { recursive: true })
  await writePersona(builtinDir, 'default.json', persona('default'))
  await writePersona(builtinDir, 'planner.json', persona('planner'))
})

describe('PersonaLibrary', () => {
  it('loads the shipped personas from the repo with no issues', async () => {
    const library = new PersonaLibrary({ dataDir })
    const { personas, issues } = await library.load()
    expect(issues).toEqual([])
    expect(personas.map((p) => p.name)).toEqual(['brainstorm', 'default', 'planner', 'research'])
    expect((await library.get('planner')).settings.permissionMode).toBe('plan')
    expect((await library.get('research')).settings.disallowedTools).toContain('Edit')
  })

  it('accepts builtinDir as a URL', async () => {
    const library = new PersonaLibrary({ dataDir, builtinDir: new URL(`file://${builtinDir}/`) })
    expect((await library.list()).map((p) => p.name)).toEqual(['default', 'planner'])
  })

  it('lets a user persona override a shipped one by name, and adds new ones', async () => {
    const userDir = join(dataDir, 'personas')
    await writePersona(userDir, 'default.json', persona('default', { systemPrompt: 'Mine.' }))
    await writePersona(userDir, 'ops.json', persona('ops'))
    const library = new PersonaLibrary({ dataDir, builtinDir })
    expect((await library.get('default')).systemPrompt).toBe('Mine.')
    expect((await library.list()).map((p) => p.name)).toEqual(['default', 'ops', 'planner'])
  })

  it('works without a user personas dir', async () => {
    const library = new PersonaLibrary({ dataDir: join(tmp.path, 'nowhere'), builtinDir })
    expect(await library.load()).toMatchObject({ issues: [] })
  })

  it('reports invalid files with path, field and message, and still loads the others', async () => {
    const userDir = join(dataDir, 'personas')
    const badJson = await writePersona(userDir, 'broken.json', '{ not json')
    const unknownKey = await writePersona(
      userDir,
      'typo.json',
      persona('typo', { sytemPrompt: 'x' }),
    )
    const nested = await writePersona(
      userDir,
      'nested.json',
      persona('nested', { settings: { maxTurns: 0, colour: 'red' } }),
    )
    const misnamed = await writePersona(userDir, 'other.json', persona('mismatch'))
    await writePersona(userDir, 'notes.txt', 'ignored')
    const { personas, issues } = await new PersonaLibrary({ dataDir, builtinDir }).load()

    expect(personas.map((p) => p.name)).toEqual(['default', 'planner'])
    expect(issues).toContainEqual({ path: badJson, field: '', message: expect.any(String) })
    expect(issues).toContainEqual({
      path: unknownKey,
      field: '',
      message: expect.stringContaining('sytemPrompt'),
    })
    expect(issues).toContainEqual({
      path: nested,
      field: 'settings',
      message: expect.stringContaining('colour'),
    })
    expect(issues).toContainEqual({
      path: nested,
      field: 'settings.maxTurns',
      message: expect.any(String),
    })
    expect(issues).toContainEqual({
      path: misnamed,
      field: 'name',
      message: expect.stringContaining('mismatch.json'),
    })
  })

  it('keeps the shipped persona when the user override is invalid', async () => {
    await writePersona(join(dataDir, 'personas'), 'default.json', { name: 'default' })
    const library = new PersonaLibrary({ dataDir, builtinDir })
    expect((await library.get('default')).systemPrompt).toBe('You are default.')
  })

  it('get() of an unknown persona lists the available names', async () => {
    const error = await catchError(() => new PersonaLibrary({ dataDir, builtinDir }).get('nope'))
    expect(error).toBeInstanceOf(PersonaNotFoundError)
    expect(error).toMatchObject({ code: 'PERSONA_NOT_FOUND', available: ['default', 'planner'] })
    expect((error as Error).message).toContain('default, planner')
  })

  it('get() of a persona that exists only as a broken file explains why', async () => {
    await writePersona(join(dataDir, 'personas'), 'ops.json', persona('ops', { extra: 1 }))
    const error = await catchError(() => new PersonaLibrary({ dataDir, builtinDir }).get('ops'))
    expect(error).toBeInstanceOf(PersonaInvalidError)
    expect((error as Error).message).toContain('extra')
  })

  it('fills in default settings', async () => {
    const library = new PersonaLibrary({ dataDir, builtinDir })
    expect((await library.get('default')).settings).toEqual({})
  })
})
