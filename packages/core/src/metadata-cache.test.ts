import { execFileSync } from 'node:child_process'
import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { describe, expect, it } from 'vitest'
import { useTempDir } from '../test/temp-dir.js'
import { SessionManager } from './index.js'
import { DataLayout } from './layout.js'
import { listSessions } from './list-sessions.js'
import { metadataCacheFor } from './metadata-cache.js'

const tmp = useTempDir()
const OWNER = '7'

/** Files written less than a second before a read are not cached (same-tick in-place edits). */
const letFilesAge = () => sleep(1_100)

const summary = async (layout: DataLayout) =>
  (await listSessions(layout, OWNER)).sessions
    .map((s) => `${s.name}:${s.status}:${s.usage.turns}`)
    .sort()

/** Another OS process edits a metadata.json in place: same inode, same size, mtime put back. */
function editInPlace(file: string, from: string, to: string): void {
  const script = `
    const fs = require('node:fs')
    const [file, from, to] = process.argv.slice(1)
    const { mtime, atime } = fs.statSync(file)
    const text = fs.readFileSync(file, 'utf8')
    if (!text.includes(from) || from.length !== to.length) process.exit(2)
    const fd = fs.openSync(file, 'r+')
    fs.writeSync(fd, text.replace(from, to), 0)
    fs.closeSync(fd)
    fs.utimesSync(file, atime, mtime)`
  execFileSync(process.execPath, ['-e', script, file, from, to])
}

describe('list through the metadata cache, with the data dir shared', () => {
  it('sees what another manager and another process changed, added and removed', async () => {
    const other = new SessionManager({ dataDir: tmp.path })
    for (const name of ['a', 'b', 'c', 'd']) await other.create({ owner: OWNER, name })
    await letFilesAge()

    const layout = new DataLayout(tmp.path) // the cached reader, apart from `other`
    const cache = metadataCacheFor(layout)
    expect(await summary(layout)).toEqual(['a:idle:0', 'b:idle:0', 'c:idle:0', 'd:idle:0'])
    const before = cache.hits
    await summary(layout)
    expect(cache.hits - before).toBe(4) // the second list read nothing

    await other.update(OWNER, 'a', { addUsage: { turns: 3 } })
    await other.rename(OWNER, 'b', 'b2')
    await other.delete(OWNER, 'c')
    await other.create({ owner: OWNER, name: 'e' })
    await other.activate(OWNER, 'a')
    const d = await other.get(OWNER, 'd')
    editInPlace(
      join(tmp.path, 'sessions', OWNER, d.id, 'metadata.json'),
      '"turns": 0',
      '"turns": 9',
    )

    const expected = ['a:active:3', 'b2:idle:0', 'd:idle:9', 'e:idle:0']
    expect(await summary(layout)).toEqual(expected)
    // …and agrees with a reader that has no cache at all.
    expect(await summary(new DataLayout(tmp.path))).toEqual(expected)
    // The manager's own list (healing included) agrees too.
    const listed = (await other.list({ owner: OWNER })).sessions.map((s) => s.name).sort()
    expect(listed).toEqual(['a', 'b2', 'd', 'e'])
  })

  it('hands out copies: a caller changing a listed session does not change the next list', async () => {
    const other = new SessionManager({ dataDir: tmp.path })
    await other.create({ owner: OWNER, name: 'solo' })
    await letFilesAge()
    const layout = new DataLayout(tmp.path)
    const first = (await listSessions(layout, OWNER)).sessions[0]
    if (!first) throw new Error('no session')
    first.name = 'changed'
    first.usage.turns = 99
    const again = (await listSessions(layout, OWNER)).sessions[0]
    expect(again).toMatchObject({ name: 'solo', usage: { turns: 0 } })
    expect(metadataCacheFor(layout).hits).toBe(1) // the second list
  })

  it('does not cache a file changed a moment ago (an in-place edit could keep its stat)', async () => {
    const other = new SessionManager({ dataDir: tmp.path })
    await other.create({ owner: OWNER, name: 'fresh' })
    const layout = new DataLayout(tmp.path)
    await summary(layout)
    await summary(layout)
    expect(metadataCacheFor(layout).hits).toBe(0)
  })

  it('forgets sessions that are gone and reports a file damaged behind its back', async () => {
    const other = new SessionManager({ dataDir: tmp.path })
    const meta = await other.create({ owner: OWNER, name: 'gone' })
    await other.create({ owner: OWNER, name: 'kept' })
    await letFilesAge()
    const layout = new DataLayout(tmp.path)
    await summary(layout)
    const file = join(tmp.path, 'sessions', OWNER, meta.id, 'metadata.json')
    editInPlace(file, '"schemaVersion"', '"schemaVersioX"')
    const list = await listSessions(layout, OWNER)
    expect(list.sessions.map((s) => s.name)).toEqual(['kept'])
    expect(list.broken).toMatchObject([{ id: meta.id }])
    await other.delete(OWNER, 'kept')
    expect((await listSessions(layout, OWNER)).sessions).toEqual([])
  })

  it('hands out every working directory as on disk, workspaces and bound projects alike', async () => {
    const project = join(tmp.path, 'project')
    await mkdir(project)
    const dataDir = join(tmp.path, 'data')
    const other = new SessionManager({ dataDir, broadDirs: [] })
    await other.create({ owner: OWNER, name: 'workspace' })
    await other.create({ owner: OWNER, name: 'bound', projectDir: project })
    await letFilesAge()
    const dirs = async (layout: DataLayout) =>
      (await listSessions(layout, OWNER)).sessions.map((s) => [s.name, s.workingDirectory])
    const expected = await dirs(new DataLayout(dataDir))
    expect(expected).toContainEqual(['bound', project])
    const layout = new DataLayout(dataDir)
    await dirs(layout) // cached now
    expect(await dirs(layout)).toEqual(expected)
    expect(metadataCacheFor(layout).hits).toBe(2) // the second listing came from the cache
  })
})
