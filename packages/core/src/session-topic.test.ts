import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { catchError } from '../test/catch-error.js'
import { makeManager } from '../test/manager.js'
import { useTempDir } from '../test/temp-dir.js'
import {
  InvalidUpdateError,
  type MetadataRepairReport,
  type SessionMetadata,
  SessionMetadataSchema,
} from './index.js'

const tmp = useTempDir()
const dataDir = () => join(tmp.path, 'data')
const sessionDir = (owner: string, id: string) => join(dataDir(), 'sessions', owner, id)
const metadataPath = (meta: { owner: string; id: string }) =>
  join(sessionDir(meta.owner, meta.id), 'metadata.json')
const readOnDisk = async (meta: SessionMetadata) =>
  JSON.parse(await readFile(metadataPath(meta), 'utf8')) as Record<string, unknown>

function manager() {
  const repairs: MetadataRepairReport[] = []
  const sessions = makeManager(dataDir(), {
    claudeConfigDir: join(tmp.path, 'claude'),
    onRepair: (report) => repairs.push(report),
  })
  return { sessions, repairs }
}

/** Writes a session the way a version-1 core did: schemaVersion 1 and no `topic` key. */
async function writeVersion1Session(owner: string, name: string): Promise<string> {
  const id = '7d3f6c1e-2b4a-4c8d-9e0f-1a2b3c4d5e6f'
  const dir = sessionDir(owner, id)
  await mkdir(join(dir, 'workspace'), { recursive: true })
  await mkdir(join(dataDir(), 'sessions', owner, '.names'), { recursive: true })
  const v1 = {
    schemaVersion: 1,
    id,
    name,
    owner,
    persona: 'default',
    status: 'idle',
    createdAt: '2025-01-01T00:00:00.000Z',
    lastActiveAt: '2025-01-01T00:00:00.000Z',
    workingDirectory: join(dir, 'workspace'),
    boundToProject: false,
    claudeSessionId: null,
    pid: null,
    usage: {
      turns: 2,
      inputTokens: 10,
      outputTokens: 5,
      cacheReadInputTokens: 0,
      cacheCreationInputTokens: 0,
      costUsd: 0.25,
    },
  }
  await writeFile(join(dir, 'metadata.json'), `${JSON.stringify(v1, null, 2)}\n`)
  await writeFile(
    join(dir, 'persona.json'),
    `${JSON.stringify({ name: 'default', settings: {} })}\n`,
  )
  await writeFile(join(dataDir(), 'sessions', owner, '.names', name), `${id}\n`)
  return id
}

describe('version 1 metadata', () => {
  it('reads through get, getById and list as version 2 with topic null', async () => {
    const id = await writeVersion1Session('42', 'old')
    const { sessions, repairs } = manager()

    const byName = await sessions.get('42', 'old')
    expect(byName).toMatchObject({ schemaVersion: 2, id, name: 'old', topic: null })
    expect(byName.usage).toMatchObject({ turns: 2, costUsd: 0.25 })
    expect(await sessions.getById('42', id)).toEqual(byName)
    const { sessions: listed, broken } = await sessions.list({ owner: '42' })
    expect(listed).toEqual([byName])
    expect(broken).toEqual([])
    expect(repairs).toEqual([]) // an old file is not damage: nothing was rebuilt
  })

  it('is stored as version 2 by the next write', async () => {
    const id = await writeVersion1Session('42', 'old')
    const { sessions } = manager()
    const before = await sessions.getById('42', id)
    expect(await readOnDisk(before)).toMatchObject({ schemaVersion: 1 })
    expect(await readOnDisk(before)).not.toHaveProperty('topic')

    await sessions.update('42', 'old', { touch: true })
    expect(await readOnDisk(before)).toMatchObject({ schemaVersion: 2, topic: null })
  })

  it('keeps a valid topic a version-1 writer carried along, and rejects a bad one', () => {
    const base = { schemaVersion: 1, topic: { chatId: 5, threadId: 9 } }
    const upgraded = SessionMetadataSchema.safeParse(base)
    // Other fields are missing here: the point is that schemaVersion and topic passed.
    const paths = upgraded.error?.issues.map((i) => i.path.join('.')) ?? []
    expect(paths).not.toContain('schemaVersion')
    expect(paths).not.toContain('topic')
    const bad = SessionMetadataSchema.safeParse({ ...base, topic: { chatId: 5, threadId: -3 } })
    expect(bad.error?.issues.map((i) => i.path.join('.'))).toContain('topic.threadId')
  })

  it('rejects a version core does not know', () => {
    const parsed = SessionMetadataSchema.safeParse({ schemaVersion: 3 })
    expect(parsed.error?.issues.map((i) => i.path.join('.'))).toContain('schemaVersion')
  })
})

describe('setTopic', () => {
  it('starts null, persists across a restart, and clears', async () => {
    const { sessions } = manager()
    const meta = await sessions.create({ owner: '42', name: 'work' })
    expect(meta.topic).toBeNull()

    const set = await sessions.setTopic('42', meta.id, { chatId: 42, threadId: 7 })
    expect(set.topic).toEqual({ chatId: 42, threadId: 7 })
    expect(await readOnDisk(meta)).toMatchObject({
      schemaVersion: 2,
      topic: { chatId: 42, threadId: 7 },
    })

    const restarted = manager().sessions
    expect((await restarted.getById('42', meta.id)).topic).toEqual({ chatId: 42, threadId: 7 })
    expect((await restarted.get('42', 'work')).topic).toEqual({ chatId: 42, threadId: 7 })

    const cleared = await restarted.setTopic('42', meta.id, null)
    expect(cleared.topic).toBeNull()
    expect((await manager().sessions.getById('42', meta.id)).topic).toBeNull()
  })

  it('accepts a negative chat id (groups) and works on a renamed session', async () => {
    const { sessions } = manager()
    const meta = await sessions.create({ owner: '42', name: 'work' })
    await sessions.rename('42', 'work', 'job')
    const set = await sessions.setTopic('42', meta.id, { chatId: -1001234567890, threadId: 3 })
    expect(set).toMatchObject({ name: 'job', topic: { chatId: -1001234567890, threadId: 3 } })
  })

  it.each([
    ['a negative thread id', { chatId: 42, threadId: -3 }],
    ['thread id 0', { chatId: 42, threadId: 0 }],
    ['chat id 0', { chatId: 0, threadId: 1 }],
    ['a string thread id', { chatId: 42, threadId: '7' }],
    ['a fractional chat id', { chatId: 4.2, threadId: 7 }],
    ['a missing thread id', { chatId: 42 }],
    ['an unknown key', { chatId: 42, threadId: 7, name: 'x' }],
  ])('refuses %s with InvalidUpdateError and keeps the old topic', async (_label, topic) => {
    const { sessions } = manager()
    const meta = await sessions.create({ owner: '42', name: 'work' })
    await sessions.setTopic('42', meta.id, { chatId: 42, threadId: 7 })

    const error = await catchError(() => sessions.setTopic('42', meta.id, topic as never))
    expect(error).toBeInstanceOf(InvalidUpdateError)
    expect((await sessions.getById('42', meta.id)).topic).toEqual({ chatId: 42, threadId: 7 })
  })

  it('is also a field of update (set, and left alone when absent)', async () => {
    const { sessions } = manager()
    const meta = await sessions.create({ owner: '42', name: 'work' })
    await sessions.update('42', 'work', { topic: { chatId: 1, threadId: 2 } })
    await sessions.updateById('42', meta.id, { pid: 123 })
    expect((await sessions.getById('42', meta.id)).topic).toEqual({ chatId: 1, threadId: 2 })
  })
})

describe('findByTopic', () => {
  it('finds the session of a thread and misses other threads and chats', async () => {
    const { sessions } = manager()
    const a = await sessions.create({ owner: '42', name: 'a' })
    const b = await sessions.create({ owner: '42', name: 'b' })
    await sessions.create({ owner: '42', name: 'untopical' })
    await sessions.setTopic('42', a.id, { chatId: 42, threadId: 10 })
    await sessions.setTopic('42', b.id, { chatId: 42, threadId: 11 })

    expect((await sessions.findByTopic('42', 42, 10))?.id).toBe(a.id)
    expect((await sessions.findByTopic('42', 42, 11))?.id).toBe(b.id)
    expect(await sessions.findByTopic('42', 42, 12)).toBeNull()
    expect(await sessions.findByTopic('42', 43, 10)).toBeNull()
  })

  it("never returns another owner's session", async () => {
    const { sessions } = manager()
    const theirs = await sessions.create({ owner: '7', name: 'a' })
    await sessions.setTopic('7', theirs.id, { chatId: 42, threadId: 10 })

    expect(await sessions.findByTopic('42', 42, 10)).toBeNull()
    expect((await sessions.findByTopic('7', 42, 10))?.id).toBe(theirs.id)
  })

  it('returns null for an owner with no sessions', async () => {
    expect(await manager().sessions.findByTopic('42', 42, 10)).toBeNull()
  })
})

describe('damaged topic in metadata.json', () => {
  it.each([
    ['a negative thread id', { chatId: 42, threadId: -3 }],
    ['a string', 'thread 7'],
  ])('with %s: rebuilt like other damage, the session kept, topic null', async (_label, bad) => {
    const { sessions, repairs } = manager()
    const meta = await sessions.create({ owner: '42', name: 'work' })
    await sessions.update('42', 'work', {
      claudeSessionId: '0b4a9a52-97c3-4d6c-9f1e-9d0a2c3b4e5f',
      addUsage: { turns: 3, inputTokens: 10, outputTokens: 5, costUsd: 0.5 },
    })
    const onDisk = await readOnDisk(meta)
    await writeFile(metadataPath(meta), JSON.stringify({ ...onDisk, topic: bad }))

    const healed = await sessions.get('42', 'work')
    expect(healed).toMatchObject({
      id: meta.id,
      name: 'work',
      claudeSessionId: '0b4a9a52-97c3-4d6c-9f1e-9d0a2c3b4e5f',
      usage: { turns: 3, costUsd: 0.5 },
      topic: null,
      schemaVersion: 2,
    })
    expect(repairs).toHaveLength(1)
    expect(repairs[0]).toMatchObject({ reason: expect.stringContaining('topic') })
    expect(repairs[0]?.topicRecovered).toBe(false)
    const files = await readdir(sessionDir('42', meta.id))
    expect(files.some((f) => f.startsWith('metadata.json.damaged-'))).toBe(true)
    // Still findable once its topic is set again.
    await sessions.setTopic('42', meta.id, { chatId: 42, threadId: 7 })
    expect((await sessions.findByTopic('42', 42, 7))?.id).toBe(meta.id)
  })

  it('is listed, not lost: list rebuilds it', async () => {
    const { sessions } = manager()
    const meta = await sessions.create({ owner: '42', name: 'work' })
    const onDisk = await readOnDisk(meta)
    await writeFile(
      metadataPath(meta),
      JSON.stringify({ ...onDisk, topic: { chatId: 1, threadId: 'x' } }),
    )
    const { sessions: listed, broken } = await sessions.list({ owner: '42' })
    expect(listed.map((s) => [s.id, s.topic])).toEqual([[meta.id, null]])
    expect(broken).toEqual([])
  })

  it('a valid topic survives damage elsewhere in the file', async () => {
    const { sessions, repairs } = manager()
    const meta = await sessions.create({ owner: '42', name: 'work' })
    await sessions.setTopic('42', meta.id, { chatId: 42, threadId: 7 })
    const onDisk = await readOnDisk(meta)
    await writeFile(metadataPath(meta), JSON.stringify({ ...onDisk, status: 'exploded' }))

    expect((await sessions.getById('42', meta.id)).topic).toEqual({ chatId: 42, threadId: 7 })
    expect(repairs[0]?.topicRecovered).toBe(true)
  })
})
