import { createHash } from 'node:crypto'
import { readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { useTempDir } from '../test/temp-dir.js'
import { SessionManager } from './index.js'
import { DataLayout } from './layout.js'
import { listSessions } from './list-sessions.js'
import { metadataCacheFor } from './metadata-cache.js'
import { CACHE_FILE_NAME, CACHED_SCHEMA_FINGERPRINT } from './metadata-cache-file.js'
import { SessionMetadataSchema } from './session-metadata.js'

const tmp = useTempDir()
const OWNER = '7'
const SESSIONS = 20 // the file is (re)written once 16 files had to be read

const cacheFile = () => join(tmp.path, 'sessions', OWNER, CACHE_FILE_NAME)

/** A fresh process's view: a new layout whose cache is the persistent kind. */
function freshReader(): { layout: DataLayout; hits: () => number } {
  const layout = new DataLayout(tmp.path)
  const cache = metadataCacheFor(layout, true)
  return { layout, hits: () => cache.hits }
}

const names = async (layout: DataLayout) =>
  (await listSessions(layout, OWNER)).sessions.map((s) => `${s.name}:${s.usage.turns}`).sort()

async function sessionsOnDisk(): Promise<SessionManager> {
  const manager = new SessionManager({ dataDir: tmp.path })
  for (let i = 0; i < SESSIONS; i++) await manager.create({ owner: OWNER, name: `s${i}` })
  await sleep(1_100) // files changed in the last second are never cached
  return manager
}

describe('the list cache on disk (SessionManagerOptions.listCacheFile)', () => {
  it('lets the next process list every session from one file, private to the user', async () => {
    await sessionsOnDisk()
    const first = freshReader()
    const expected = await names(first.layout)
    expect(first.hits()).toBe(0)
    expect(statSync(cacheFile()).mode & 0o777).toBe(0o600)
    const text = readFileSync(cacheFile(), 'utf8')
    const rows = JSON.parse(text.slice(text.indexOf('\n') + 1)) as [string, ...unknown[]][]
    for (const [id, , , , , meta] of rows) {
      expect((meta as { workingDirectory: string }).workingDirectory).toMatch(`/${id}/workspace`)
    }
    const second = freshReader()
    expect(await names(second.layout)).toEqual(expected)
    expect(second.hits()).toBe(SESSIONS) // not one metadata.json read
  })

  it('never answers from an entry whose metadata.json changed since it was cached', async () => {
    const other = await sessionsOnDisk()
    await names(freshReader().layout)
    await other.update(OWNER, 's3', { addUsage: { turns: 4 } })
    await other.delete(OWNER, 's4')
    await other.create({ owner: OWNER, name: 'new' })
    const reader = freshReader()
    const listed = await names(reader.layout)
    expect(listed).toContain('s3:4')
    expect(listed).toContain('new:0')
    expect(listed).not.toContain('s4:0')
    expect(reader.hits()).toBe(SESSIONS - 2) // s3 and the new one were read
  })

  it('ignores a file whose body was changed behind its back, and writes it again', async () => {
    await sessionsOnDisk()
    await names(freshReader().layout)
    const text = readFileSync(cacheFile(), 'utf8')
    writeFileSync(cacheFile(), text.replace('"turns":0', '"turns":7'))
    const reader = freshReader()
    expect(await names(reader.layout)).not.toContain('s0:7')
    expect(reader.hits()).toBe(0)
    expect(readFileSync(cacheFile(), 'utf8')).toBe(text)
  })

  it('drops an entry that names another session, even in a file with a valid digest', async () => {
    await sessionsOnDisk()
    await names(freshReader().layout)
    const text = readFileSync(cacheFile(), 'utf8')
    const newline = text.indexOf('\n')
    const rows = JSON.parse(text.slice(newline + 1)) as [string, ...unknown[]][]
    const [victim, donor] = rows as [[string, ...unknown[]], [string, ...unknown[]]]
    victim[5] = donor[5] // s-victim's stamp, another session's metadata
    const body = JSON.stringify(rows)
    const header = JSON.parse(text.slice(0, newline)) as Record<string, unknown>
    header.sha256 = createHash('sha256').update(body).digest('hex')
    writeFileSync(cacheFile(), `${JSON.stringify(header)}\n${body}`)
    const reader = freshReader()
    const listed = await names(reader.layout)
    expect(new Set(listed).size).toBe(SESSIONS) // no session listed twice
    expect(reader.hits()).toBe(SESSIONS - 1)
  })

  it('is not written for an owner with nothing to cache, nor by a manager without the option', async () => {
    const manager = new SessionManager({ dataDir: tmp.path })
    await manager.create({ owner: OWNER, name: 'one' })
    await manager.list({ owner: OWNER })
    await names(freshReader().layout)
    expect(() => statSync(cacheFile())).toThrow(/ENOENT/)
  })

  it('is of a format that matches the metadata schema (bump CACHE_FORMAT when this fails)', () => {
    const schema = z.toJSONSchema(SessionMetadataSchema, { io: 'output', unrepresentable: 'any' })
    const fingerprint = createHash('sha256').update(JSON.stringify(schema)).digest('hex')
    expect(fingerprint).toBe(CACHED_SCHEMA_FINGERPRINT)
  })
})
