import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { catchError } from '../test/catch-error.js'
import { makeManager } from '../test/manager.js'
import { useTempDir } from '../test/temp-dir.js'
import {
  InvalidNameError,
  InvalidOwnerError,
  PersonaNotFoundError,
  SessionExistsError,
  SessionMetadataSchema,
  SessionNotFoundError,
} from './index.js'

const tmp = useTempDir()
const sessionsDir = () => join(tmp.path, 'sessions')

describe('create', () => {
  it('creates an idle session with metadata, persona copy and workspace', async () => {
    const manager = makeManager(tmp.path)
    const meta = await manager.create({ owner: '42', name: 'Main' })
    const dir = join(sessionsDir(), '42', meta.id)

    expect(meta).toMatchObject({
      schemaVersion: 2,
      name: 'main',
      owner: '42',
      persona: 'default',
      status: 'idle',
      boundToProject: false,
      workingDirectory: join(dir, 'workspace'),
      claudeSessionId: null,
      pid: null,
      usage: { turns: 0, costUsd: 0 },
      topic: null,
    })
    expect(meta.createdAt).toBe(meta.lastActiveAt)
    const onDisk = SessionMetadataSchema.parse(
      JSON.parse(await readFile(join(dir, 'metadata.json'), 'utf8')),
    )
    expect(onDisk).toEqual(meta)
    expect((await stat(meta.workingDirectory)).isDirectory()).toBe(true)
    const persona = JSON.parse(await readFile(join(dir, 'persona.json'), 'utf8'))
    expect(persona).toMatchObject({ name: 'default', settings: {} })
    expect(persona).not.toHaveProperty('$schema')
    expect((await readFile(join(sessionsDir(), '42', '.names', 'main'), 'utf8')).trim()).toBe(
      meta.id,
    )
  })

  it('copies the chosen persona', async () => {
    const manager = makeManager(tmp.path)
    await manager.create({ owner: '42', name: 'plan', persona: 'planner' })
    expect((await manager.get('42', 'plan')).persona).toBe('planner')
    expect((await manager.readPersona('42', 'plan')).settings.permissionMode).toBe('plan')
  })

  it('rejects a duplicate name per owner, case-insensitively, but not across owners', async () => {
    const manager = makeManager(tmp.path)
    await manager.create({ owner: '42', name: 'main' })
    const error = await catchError(() => manager.create({ owner: '42', name: 'MAIN' }))
    expect(error).toBeInstanceOf(SessionExistsError)
    await expect(manager.create({ owner: '7', name: 'main' })).resolves.toMatchObject({
      owner: '7',
    })
    // The losing attempt left nothing behind.
    expect((await manager.list({ owner: '42' })).sessions).toHaveLength(1)
    expect(await readdir(join(sessionsDir(), '42', '.staging'))).toEqual([])
  })

  it('lets exactly one of many concurrent creates of a name win', async () => {
    const manager = makeManager(tmp.path)
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, () => manager.create({ owner: '42', name: 'race' })),
    )
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
    for (const r of results) {
      if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(SessionExistsError)
    }
    expect((await manager.list()).sessions).toHaveLength(1)
  })

  it('rejects bad owners, names and personas before touching the disk', async () => {
    const manager = makeManager(tmp.path)
    await expect(manager.create({ owner: '../x', name: 'a' })).rejects.toThrow(InvalidOwnerError)
    await expect(manager.create({ owner: '42', name: '../x' })).rejects.toThrow(InvalidNameError)
    await expect(manager.create({ owner: '42', name: '/etc' })).rejects.toThrow(InvalidNameError)
    await expect(
      manager.create({ owner: '42', name: 'a', persona: '../../etc/passwd' }),
    ).rejects.toThrow(PersonaNotFoundError)
    await expect(readdir(tmp.path)).resolves.toEqual([])
  })

  it('treats a stale index entry as absent and repairs it', async () => {
    const manager = makeManager(tmp.path)
    await manager.create({ owner: '42', name: 'main' })
    const entry = join(sessionsDir(), '42', '.names', 'ghost')
    await writeFile(entry, `${crypto.randomUUID()}\n`)
    await expect(manager.get('42', 'ghost')).rejects.toThrow(SessionNotFoundError)
    await expect(readFile(entry)).rejects.toMatchObject({ code: 'ENOENT' })
    // An entry pointing at a session that carries another name is stale too.
    const main = await manager.get('42', 'main')
    await writeFile(entry, `${main.id}\n`)
    const ghost = await manager.create({ owner: '42', name: 'ghost' })
    expect(await manager.get('42', 'ghost')).toEqual(ghost)
  })
})

describe('get and getById', () => {
  it('finds a session by name (any case) and by id', async () => {
    const manager = makeManager(tmp.path)
    const meta = await manager.create({ owner: '42', name: 'work' })
    expect(await manager.get('42', 'WORK')).toEqual(meta)
    expect(await manager.getById('42', meta.id)).toEqual(meta)
  })

  it('throws SessionNotFoundError for unknown names, ids and owners', async () => {
    const manager = makeManager(tmp.path)
    const meta = await manager.create({ owner: '42', name: 'work' })
    await expect(manager.get('42', 'nope')).rejects.toThrow(SessionNotFoundError)
    await expect(manager.get('7', 'work')).rejects.toThrow(SessionNotFoundError)
    await expect(manager.getById('7', meta.id)).rejects.toThrow(SessionNotFoundError)
    await expect(manager.getById('42', '../42')).rejects.toThrow(SessionNotFoundError)
    await expect(manager.getById('42', '.names')).rejects.toThrow(SessionNotFoundError)
  })

  it('rebuilds a corrupt metadata.json on get (self-healing.test.ts has the details)', async () => {
    const manager = makeManager(tmp.path)
    const meta = await manager.create({ owner: '42', name: 'work' })
    await writeFile(join(sessionsDir(), '42', meta.id, 'metadata.json'), '{"torn":')
    await expect(manager.get('42', 'work')).resolves.toMatchObject({ id: meta.id, name: 'work' })
  })
})

describe('list', () => {
  it('lists by lastActiveAt, newest first, per owner or for everyone', async () => {
    const manager = makeManager(tmp.path)
    await manager.create({ owner: '42', name: 'a' })
    await manager.create({ owner: '42', name: 'b' })
    await manager.create({ owner: '7', name: 'c' })
    await manager.activate('42', 'a')
    expect((await manager.list({ owner: '42' })).sessions.map((s) => s.name)).toEqual(['a', 'b'])
    expect((await manager.list()).sessions.map((s) => s.name)).toEqual(['a', 'c', 'b'])
    expect(await manager.list({ owner: '99' })).toEqual({ sessions: [], broken: [] })
    await expect(manager.list({ owner: '../..' })).rejects.toThrow(InvalidOwnerError)
  })

  it('reports broken session dirs and still lists the others', async () => {
    const manager = makeManager(tmp.path)
    const good = await manager.create({ owner: '42', name: 'good' })
    const corrupt = await manager.create({ owner: '42', name: 'corrupt' })
    const invalid = await manager.create({ owner: '42', name: 'invalid' })
    const ownerDir = join(sessionsDir(), '42')
    await writeFile(join(ownerDir, corrupt.id, 'metadata.json'), 'not json')
    await writeFile(
      join(ownerDir, invalid.id, 'metadata.json'),
      JSON.stringify({ ...invalid, status: 'flying' }),
    )
    const empty = crypto.randomUUID()
    await mkdir(join(ownerDir, empty))
    await mkdir(join(ownerDir, 'Not An Id'))

    // Damaged metadata is rebuilt and listed; what is no session at all stays broken.
    const { sessions, broken } = await manager.list({ owner: '42' })
    expect(sessions.map((s) => s.name).sort()).toEqual(['corrupt', 'good', 'invalid'])
    expect(sessions).toContainEqual(good)
    expect(broken).toHaveLength(2)
    expect(broken).toContainEqual({
      owner: '42',
      id: empty,
      path: join(ownerDir, empty),
      reason: 'metadata.json is missing',
    })
    expect(broken).toContainEqual(expect.objectContaining({ id: 'Not An Id' }))
  })
})

describe('rename', () => {
  it('changes the name only: directory, workspace and active pointer stay', async () => {
    const manager = makeManager(tmp.path)
    const before = await manager.create({ owner: '42', name: 'old' })
    await manager.switch('42', 'old')
    const after = await manager.rename('42', 'old', 'New')

    expect(after).toMatchObject({
      id: before.id,
      name: 'new',
      workingDirectory: before.workingDirectory,
    })
    expect((await stat(before.workingDirectory)).isDirectory()).toBe(true)
    expect(await manager.get('42', 'new')).toEqual(after)
    await expect(manager.get('42', 'old')).rejects.toThrow(SessionNotFoundError)
    expect(await readdir(join(sessionsDir(), '42', '.names'))).toEqual(['new'])
    expect((await manager.active('42'))?.name).toBe('new')
    // The old name is free again.
    await expect(manager.create({ owner: '42', name: 'old' })).resolves.toMatchObject({
      name: 'old',
    })
  })

  it('refuses a taken or invalid new name, and unknown sessions', async () => {
    const manager = makeManager(tmp.path)
    await manager.create({ owner: '42', name: 'a' })
    await manager.create({ owner: '42', name: 'b' })
    await expect(manager.rename('42', 'a', 'b')).rejects.toThrow(SessionExistsError)
    await expect(manager.rename('42', 'a', '../b')).rejects.toThrow(InvalidNameError)
    await expect(manager.rename('42', 'zzz', 'c')).rejects.toThrow(SessionNotFoundError)
    expect((await manager.get('42', 'a')).name).toBe('a')
    expect(await manager.rename('42', 'a', 'A')).toMatchObject({ name: 'a' })
  })
})

describe('delete', () => {
  it('moves the session to the archive, frees the name and clears the active pointer', async () => {
    const manager = makeManager(tmp.path)
    const meta = await manager.create({ owner: '42', name: 'doomed' })
    await writeFile(join(meta.workingDirectory, 'notes.md'), 'keep me')
    await manager.switch('42', 'doomed')
    const archived = await manager.delete('42', 'doomed')

    expect(archived.startsWith(join(tmp.path, 'archive', '42', `${meta.id}-`))).toBe(true)
    expect(await readFile(join(archived, 'workspace', 'notes.md'), 'utf8')).toBe('keep me')
    expect(JSON.parse(await readFile(join(archived, 'metadata.json'), 'utf8')).id).toBe(meta.id)
    await expect(stat(join(sessionsDir(), '42', meta.id))).rejects.toMatchObject({ code: 'ENOENT' })
    await expect(manager.get('42', 'doomed')).rejects.toThrow(SessionNotFoundError)
    expect(await manager.active('42')).toBeNull()
    expect((await manager.list()).sessions).toEqual([])
    await expect(manager.delete('42', 'doomed')).rejects.toThrow(SessionNotFoundError)
  })

  it('leaves another active session alone and can delete a corrupt session', async () => {
    const manager = makeManager(tmp.path)
    const broken = await manager.create({ owner: '42', name: 'broken' })
    await manager.create({ owner: '42', name: 'keep' })
    await manager.switch('42', 'keep')
    await writeFile(join(sessionsDir(), '42', broken.id, 'metadata.json'), '')
    await manager.delete('42', 'broken')
    expect((await manager.active('42'))?.name).toBe('keep')
    expect((await manager.list({ owner: '42' })).broken).toEqual([])
  })
})
