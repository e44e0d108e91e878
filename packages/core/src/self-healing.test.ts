import { mkdir, readdir, readFile, rm, unlink, utimes, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { catchError } from '../test/catch-error.js'
import { makeManager } from '../test/manager.js'
import { useTempDir } from '../test/temp-dir.js'
import { claudeProjectKey } from './claude-transcripts.js'
import type { MetadataRepairReport, SessionMetadata } from './index.js'

const tmp = useTempDir()
const claudeDir = () => join(tmp.path, 'claude')
const sessionsDir = () => join(tmp.path, 'data', 'sessions')
const metadataPath = (meta: SessionMetadata) =>
  join(sessionsDir(), meta.owner, meta.id, 'metadata.json')

function healingManager() {
  const repairs: MetadataRepairReport[] = []
  const recreated: string[] = []
  const manager = makeManager(join(tmp.path, 'data'), {
    claudeConfigDir: claudeDir(),
    onRepair: (report) => repairs.push(report),
    onWorkspaceRecreated: ({ path }) => recreated.push(path),
  })
  return { manager, repairs, recreated }
}

describe('missing working directory', () => {
  it('recreates a deleted workspace before a spawn, once, and says so', async () => {
    const { manager, recreated } = healingManager()
    const meta = await manager.create({ owner: '42', name: 'work' })
    await rm(meta.workingDirectory, { recursive: true })

    const first = await manager.prepareWorkingDirectory('42', meta.id)
    expect(first.recreated).toBe(true)
    expect(await readdir(meta.workingDirectory)).toEqual([])
    expect(recreated).toEqual([meta.workingDirectory])
    expect((await manager.prepareWorkingDirectory('42', meta.id)).recreated).toBe(false)
    expect(recreated).toHaveLength(1)
  })

  it('never creates a bound project directory: PROJECT_DIR_MISSING names it', async () => {
    const project = join(tmp.path, 'project')
    await mkdir(project)
    const { manager } = healingManager()
    const meta = await manager.create({ owner: '42', name: 'proj', projectDir: project })
    await rm(project, { recursive: true })

    const error = await catchError(() => manager.prepareWorkingDirectory('42', meta.id))
    expect(error).toMatchObject({ code: 'PROJECT_DIR_MISSING', path: project })
    await expect(readdir(project)).rejects.toMatchObject({ code: 'ENOENT' })
  })
})

describe('damaged metadata.json', () => {
  it('is rebuilt from what is left; the damaged file is kept aside', async () => {
    const { manager, repairs } = healingManager()
    const meta = await manager.create({ owner: '42', name: 'delta', persona: 'default' })
    const used = await manager.update('42', 'delta', {
      claudeSessionId: '0b4a9a52-97c3-4d6c-9f1e-9d0a2c3b4e5f',
      addUsage: { turns: 3, inputTokens: 10, outputTokens: 5, costUsd: 0.5 },
    })
    const text = await readFile(metadataPath(meta), 'utf8')
    const truncated = text.slice(0, text.indexOf('"pid"')) // cut mid-file, as a crash would
    await writeFile(metadataPath(meta), truncated)

    const healed = await manager.get('42', 'delta')
    expect(healed).toMatchObject({
      id: meta.id,
      name: 'delta',
      persona: 'default',
      status: 'idle',
      createdAt: meta.createdAt,
      workingDirectory: meta.workingDirectory,
      boundToProject: false,
      claudeSessionId: used.claudeSessionId,
      pid: null,
    })
    const [report] = repairs
    expect(report).toMatchObject({
      nameFrom: 'index',
      personaFrom: 'persona.json',
      claudeSessionIdFrom: 'damaged-file',
      usageRecovered: false, // usage came after the cut
    })
    const dir = join(sessionsDir(), '42', meta.id)
    const kept = (await readdir(dir)).filter((f) => f.startsWith('metadata.json.damaged-'))
    expect(kept).toHaveLength(1)
    expect(await readFile(join(dir, kept[0] ?? ''), 'utf8')).toBe(truncated)
    expect(report?.damagedFile).toBe(join(dir, kept[0] ?? ''))
  })

  it('recovers the Claude session id from the newest transcript of its working directory', async () => {
    const { manager, repairs } = healingManager()
    const meta = await manager.create({ owner: '42', name: 'echo' })
    const transcripts = join(claudeDir(), 'projects', claudeProjectKey(meta.workingDirectory))
    await mkdir(transcripts, { recursive: true })
    const older = '11111111-1111-4111-8111-111111111111'
    const newer = '22222222-2222-4222-8222-222222222222'
    await writeFile(join(transcripts, `${older}.jsonl`), '{}\n')
    await writeFile(join(transcripts, `${newer}.jsonl`), '{}\n')
    await utimes(join(transcripts, `${older}.jsonl`), new Date(1_000), new Date(1_000))
    await writeFile(metadataPath(meta), '\0\0\0') // garbage: nothing to salvage

    expect((await manager.getById('42', meta.id)).claudeSessionId).toBe(newer)
    expect(repairs[0]).toMatchObject({ claudeSessionIdFrom: 'transcript', nameFrom: 'index' })
  })

  it('rebuilds on list, and /delete archives a session whose metadata cannot be read at all', async () => {
    const { manager } = healingManager()
    const broken = await manager.create({ owner: '42', name: 'broken' })
    const unreadable = await manager.create({ owner: '42', name: 'unreadable' })
    await writeFile(metadataPath(broken), '{"schemaVersion": 1, "id": "')
    // A directory where the file should be: read fails (EISDIR), so it is not rebuilt blindly.
    await unlink(metadataPath(unreadable))
    await mkdir(metadataPath(unreadable))

    const { sessions, broken: left } = await manager.list({ owner: '42' })
    expect(sessions.map((s) => s.name)).toEqual(['broken'])
    expect(left).toEqual([expect.objectContaining({ id: unreadable.id })])
    const error = await catchError(() => manager.get('42', 'unreadable'))
    expect(error).toMatchObject({ code: 'SESSION_CORRUPT', sessionId: unreadable.id })

    await expect(manager.delete('42', 'unreadable')).resolves.toContain(unreadable.id)
    expect((await manager.list({ owner: '42' })).broken).toEqual([])
  })
})

describe('lost name-index entry', () => {
  it('is written back on get, and the name cannot be taken by a new session', async () => {
    const { manager } = healingManager()
    const delta = await manager.create({ owner: '42', name: 'delta' })
    await unlink(join(sessionsDir(), '42', '.names', 'delta'))

    await expect(manager.create({ owner: '42', name: 'delta' })).rejects.toMatchObject({
      code: 'SESSION_EXISTS',
    })
    expect((await manager.get('42', 'delta')).id).toBe(delta.id)
    expect((await manager.list({ owner: '42' })).sessions).toHaveLength(1)
  })

  it('is written back by list even when a stale entry hides it from the quick check', async () => {
    const { manager } = healingManager()
    const delta = await manager.create({ owner: '42', name: 'delta' })
    const names = join(sessionsDir(), '42', '.names')
    await unlink(join(names, 'delta'))
    await writeFile(join(names, 'ghost'), 'not-an-id\n')

    await manager.list({ owner: '42' })
    expect((await readFile(join(names, 'delta'), 'utf8')).trim()).toBe(delta.id)
  })

  it('never writes an entry for a name that is not a valid session name (a path, say)', async () => {
    const { manager } = healingManager()
    const delta = await manager.create({ owner: '42', name: 'delta' })
    const names = join(sessionsDir(), '42', '.names')
    await unlink(join(names, 'delta'))
    const meta = JSON.parse(await readFile(metadataPath(delta), 'utf8'))
    await writeFile(metadataPath(delta), JSON.stringify({ ...meta, name: '../../43/planted' }))

    await manager.list({ owner: '42' })
    expect(await readdir(names)).toEqual([])
    await expect(readdir(join(sessionsDir(), '43'))).rejects.toMatchObject({ code: 'ENOENT' })
  })
})

describe('damaged metadata.json of a bound session', () => {
  it('keeps the project binding when the damaged file still names it and it passes the rules', async () => {
    const project = join(tmp.path, 'project')
    await mkdir(project)
    const { manager, repairs } = healingManager()
    const meta = await manager.create({ owner: '42', name: 'proj', projectDir: project })
    const text = await readFile(metadataPath(meta), 'utf8')
    await writeFile(metadataPath(meta), text.slice(0, text.indexOf('"claudeSessionId"')))

    expect(await manager.get('42', 'proj')).toMatchObject({
      workingDirectory: project,
      boundToProject: true,
    })
    expect(repairs[0]).toMatchObject({ workingDirectoryFrom: 'damaged-file' })
  })
})
