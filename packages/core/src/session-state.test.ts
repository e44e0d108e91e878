import { mkdir, readFile, symlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { makeManager } from '../test/manager.js'
import { useTempDir } from '../test/temp-dir.js'
import {
  InvalidTransitionError,
  InvalidUpdateError,
  PersonaNotFoundError,
  type SessionUpdate,
} from './index.js'

const tmp = useTempDir()

describe('switch and active', () => {
  it('makes the session active and remembers it per owner', async () => {
    const manager = makeManager(tmp.path)
    await manager.create({ owner: '1', name: 'a' })
    await manager.create({ owner: '1', name: 'b' })
    await manager.create({ owner: '2', name: 'a' })
    expect(await manager.active('1')).toBeNull()

    const a1 = await manager.switch('1', 'a')
    expect(a1.status).toBe('active')
    const b2 = await manager.switch('2', 'a')
    expect((await manager.active('1'))?.id).toBe(a1.id)
    expect((await manager.active('2'))?.id).toBe(b2.id)

    await manager.switch('1', 'b')
    expect((await manager.active('1'))?.name).toBe('b')
    expect((await manager.active('2'))?.id).toBe(b2.id)
    // Switching again to the active session is fine (active → active is a no-op).
    await expect(manager.switch('1', 'b')).resolves.toMatchObject({ status: 'active' })
  })

  it('resumes a suspended session and bumps lastActiveAt', async () => {
    const manager = makeManager(tmp.path)
    const created = await manager.create({ owner: '1', name: 'a' })
    await manager.switch('1', 'a')
    await manager.suspend('1', 'a')
    const resumed = await manager.switch('1', 'a')
    expect(resumed.status).toBe('active')
    expect(Date.parse(resumed.lastActiveAt)).toBeGreaterThan(Date.parse(created.lastActiveAt))
  })

  it('treats a pointer to a missing session as none', async () => {
    const manager = makeManager(tmp.path)
    await manager.create({ owner: '1', name: 'a' })
    await writeFile(join(tmp.path, 'sessions', '1', 'active'), `${crypto.randomUUID()}\n`)
    expect(await manager.active('1')).toBeNull()
    await writeFile(join(tmp.path, 'sessions', '1', 'active'), '../../etc\n')
    expect(await manager.active('1')).toBeNull()
  })
})

describe('suspend and activate', () => {
  it('follow the lifecycle', async () => {
    const manager = makeManager(tmp.path)
    await manager.create({ owner: '1', name: 'a' })
    await expect(manager.suspend('1', 'a')).rejects.toThrow(InvalidTransitionError)
    expect((await manager.activate('1', 'a')).status).toBe('active')
    expect((await manager.activate('1', 'a')).status).toBe('active')
    expect((await manager.suspend('1', 'a')).status).toBe('suspended')
    await expect(manager.suspend('1', 'a')).rejects.toThrow(InvalidTransitionError)
    await expect(manager.update('1', 'a', { status: 'idle' })).rejects.toThrow(
      InvalidTransitionError,
    )
    expect((await manager.get('1', 'a')).status).toBe('suspended')
    expect((await manager.update('1', 'a', { status: 'active' })).status).toBe('active')
  })
})

describe('update and recordProcess', () => {
  it('records the process, the Claude session id and accumulated usage', async () => {
    const manager = makeManager(tmp.path)
    const created = await manager.create({ owner: '1', name: 'a' })
    const withPid = await manager.recordProcess('1', 'a', { pid: 4242 })
    expect(withPid.pid).toBe(4242)
    expect(withPid.lastActiveAt > created.lastActiveAt).toBe(true)

    await manager.update('1', 'a', {
      claudeSessionId: 'c0ffee',
      addUsage: { turns: 1, inputTokens: 100, outputTokens: 20, costUsd: 0.01 },
    })
    const after = await manager.update('1', 'a', {
      pid: null,
      addUsage: { turns: 2, inputTokens: 5, cacheReadInputTokens: 7, costUsd: 0.02 },
      touch: true,
    })
    expect(after).toMatchObject({ claudeSessionId: 'c0ffee', pid: null })
    expect(after.usage).toEqual({
      turns: 3,
      inputTokens: 105,
      outputTokens: 20,
      cacheReadInputTokens: 7,
      cacheCreationInputTokens: 0,
      costUsd: expect.closeTo(0.03, 10),
    })
    expect(await manager.get('1', 'a')).toEqual(after)
  })

  it.each([
    [{ pid: -1 }],
    [{ pid: 1.5 }],
    [{ addUsage: { turns: -1 } }],
    [{ addUsage: { bogus: 1 } }],
    [{ claudeSessionId: '' }],
    [{ status: 'flying' }],
    [{ unknown: true }],
  ])('rejects an invalid patch %j', async (patch) => {
    const manager = makeManager(tmp.path)
    await manager.create({ owner: '1', name: 'a' })
    await expect(manager.update('1', 'a', patch as SessionUpdate)).rejects.toThrow(
      InvalidUpdateError,
    )
  })
})

describe('personas of a session', () => {
  it('setPersona copies another library persona into the session', async () => {
    const manager = makeManager(tmp.path)
    await manager.create({ owner: '1', name: 'a' })
    const meta = await manager.setPersona('1', 'a', 'research')
    expect(meta.persona).toBe('research')
    expect((await manager.readPersona('1', 'a')).settings.disallowedTools).toContain('Write')
    await expect(manager.setPersona('1', 'a', 'nope')).rejects.toThrow(PersonaNotFoundError)
  })

  it('the session keeps its copy when the library persona changes', async () => {
    await mkdir(join(tmp.path, 'personas'))
    const userPersona = join(tmp.path, 'personas', 'mine.json')
    const write = (prompt: string) =>
      writeFile(
        userPersona,
        JSON.stringify({ name: 'mine', description: 'x', systemPrompt: prompt }),
      )
    await write('first')
    const manager = makeManager(tmp.path)
    await manager.create({ owner: '1', name: 'a', persona: 'mine' })
    await write('second')
    expect((await manager.readPersona('1', 'a')).systemPrompt).toBe('first')
  })

  it('readPersona reports a corrupt persona.json', async () => {
    const manager = makeManager(tmp.path)
    const meta = await manager.create({ owner: '1', name: 'a' })
    await writeFile(join(tmp.path, 'sessions', '1', meta.id, 'persona.json'), '{"name":1}')
    await expect(manager.readPersona('1', 'a')).rejects.toMatchObject({ code: 'SESSION_CORRUPT' })
  })
})

describe('binding to a project directory', () => {
  it('binds to an existing directory by its real path and never writes into it', async () => {
    const project = join(tmp.path, 'projects', 'app')
    await mkdir(project, { recursive: true })
    await symlink(project, join(tmp.path, 'link'))
    const manager = makeManager(join(tmp.path, 'data'), {
      projectRoots: [join(tmp.path, 'projects')],
    })
    const meta = await manager.create({
      owner: '1',
      name: 'app',
      projectDir: join(tmp.path, 'link'),
    })
    expect(meta).toMatchObject({ workingDirectory: project, boundToProject: true })
    expect(
      await readFile(join(tmp.path, 'data', 'sessions', '1', meta.id, 'persona.json'), 'utf8'),
    ).toBeTruthy()
    const { readdir } = await import('node:fs/promises')
    expect(await readdir(project)).toEqual([])
  })

  it.each([
    ['relative path', () => 'projects/app', 'INVALID_DIRECTORY'],
    ['missing dir', (root: string) => join(root, 'projects', 'nope'), 'INVALID_DIRECTORY'],
    ['a file', (root: string) => join(root, 'projects', 'file.txt'), 'INVALID_DIRECTORY'],
    ['outside the roots', (root: string) => join(root, 'elsewhere'), 'DIRECTORY_NOT_ALLOWED'],
    ['prefix trick', (root: string) => join(root, 'projectsX'), 'DIRECTORY_NOT_ALLOWED'],
    [
      '.. escape',
      (root: string) => join(root, 'projects', '..', 'elsewhere'),
      'DIRECTORY_NOT_ALLOWED',
    ],
    ['symlink out', (root: string) => join(root, 'projects', 'escape'), 'DIRECTORY_NOT_ALLOWED'],
  ])('rejects %s', async (_label, dir, code) => {
    const root = tmp.path
    await mkdir(join(root, 'projects', 'app'), { recursive: true })
    await mkdir(join(root, 'elsewhere'))
    await mkdir(join(root, 'projectsX'))
    await writeFile(join(root, 'projects', 'file.txt'), '')
    await symlink(join(root, 'elsewhere'), join(root, 'projects', 'escape'))
    const manager = makeManager(join(root, 'data'), { projectRoots: [join(root, 'projects')] })
    await expect(
      manager.create({ owner: '1', name: 'x', projectDir: dir(root) }),
    ).rejects.toMatchObject({
      code,
    })
    expect((await manager.list()).sessions).toEqual([])
  })

  it('accepts any other existing directory when no roots are configured', async () => {
    const manager = makeManager(join(tmp.path, 'data'))
    const project = join(tmp.path, 'anywhere')
    await mkdir(project)
    const meta = await manager.create({ owner: '1', name: 'x', projectDir: project })
    expect(meta.workingDirectory).toBe(project)
  })

  it('accepts a root that is itself reached through a symlink', async () => {
    await mkdir(join(tmp.path, 'real', 'app'), { recursive: true })
    await symlink(join(tmp.path, 'real'), join(tmp.path, 'roots'))
    const manager = makeManager(join(tmp.path, 'data'), { projectRoots: [join(tmp.path, 'roots')] })
    const meta = await manager.create({
      owner: '1',
      name: 'x',
      projectDir: join(tmp.path, 'real', 'app'),
    })
    expect(meta.workingDirectory).toBe(join(tmp.path, 'real', 'app'))
  })
})
