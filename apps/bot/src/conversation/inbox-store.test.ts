import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, expect, test } from 'vitest'
import { Inbox } from './inbox.js'
import { INBOX_DIR } from './inbox-entry.js'
import { DAMAGED_SUFFIX, InboxStore } from './inbox-store.js'
import { silentLogger } from './testing/fakes.js'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'inbox-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

const store = () => new InboxStore({ sessionDirectory: () => dir, logger: silentLogger })
const message = (prompt: string) => ({
  userId: 42,
  chatId: 42,
  owner: '42',
  sessionId: 's1',
  sessionName: 'main',
  replyTo: 7,
  prompt,
})

test('an accepted message is on disk, whole, when accept resolves; the next run lists it in order', async () => {
  const inbox = new Inbox({ store: store(), logger: silentLogger, boot: 'run-1' })
  const long = 'x'.repeat(5000)
  const first = await inbox.accept(message(long))
  const second = await inbox.accept(message('second'))
  const file = JSON.parse(await readFile(join(dir, INBOX_DIR, `${first.id}.json`), 'utf8'))
  expect(file).toMatchObject({ prompt: long, state: 'queued', boot: 'run-1', replyTo: 7 })

  const listed = await store().list('42', 's1')
  expect(listed.map((e) => e.id)).toEqual([first.id, second.id])
  expect(listed[0]?.prompt).toHaveLength(5000)
})

test('state changes follow the message; once removed, a late write cannot bring it back', async () => {
  const s = store()
  const inbox = new Inbox({ store: s, logger: silentLogger })
  const entry = await inbox.accept(message('one'))
  inbox.started(entry)
  inbox.shown(entry, 99)
  await s.idle()
  expect(await s.list('42', 's1')).toMatchObject([{ state: 'running', liveMessageId: 99 }])
  const removal = inbox.done(entry)
  inbox.shown(entry, 100) // e.g. a progress message replaced just as the answer went out
  await removal
  await s.idle()
  expect(await readdir(join(dir, INBOX_DIR))).toEqual([])
})

test('a damaged file is set aside and logged; the other entries still load', async () => {
  const inbox = new Inbox({ store: store(), logger: silentLogger })
  const good = await inbox.accept(message('good'))
  const inboxDir = join(dir, INBOX_DIR)
  await writeFile(join(inboxDir, 'AAAAAAAAAAAA.json'), '{"version":1,"id":"AAAA') // torn
  await writeFile(join(inboxDir, 'BBBBBBBBBBBB.json'), JSON.stringify({ version: 1 }))
  // A valid entry under another file's name is not trusted either.
  const copy = await readFile(join(inboxDir, `${good.id}.json`), 'utf8')
  await writeFile(join(inboxDir, 'CCCCCCCCCCCC.json'), copy)

  const listed = await store().list('42', 's1')
  expect(listed.map((e) => e.prompt)).toEqual(['good'])
  expect((await readdir(inboxDir)).sort()).toEqual(
    [
      `${good.id}.json`,
      `AAAAAAAAAAAA.json${DAMAGED_SUFFIX}`,
      `BBBBBBBBBBBB.json${DAMAGED_SUFFIX}`,
      `CCCCCCCCCCCC.json${DAMAGED_SUFFIX}`,
    ].sort(),
  )
  // Set aside once: the next listing is clean.
  expect((await store().list('42', 's1')).map((e) => e.prompt)).toEqual(['good'])
})

test('an entry planted for another user, chat or session is set aside, never run', async () => {
  const inbox = new Inbox({ store: store(), logger: silentLogger })
  const good = await inbox.accept(message('good'))
  const inboxDir = join(dir, INBOX_DIR)
  const copy = JSON.parse(await readFile(join(inboxDir, `${good.id}.json`), 'utf8'))
  const planted = [
    { id: 'DDDDDDDDDDDD', userId: 7, chatId: 7 }, // another user's button and chat
    { id: 'EEEEEEEEEEEE', chatId: 7 }, // answers to another chat
    { id: 'FFFFFFFFFFFF', owner: '7', userId: 7, chatId: 7 }, // runs as another owner
  ]
  for (const fields of planted)
    await writeFile(join(inboxDir, `${fields.id}.json`), JSON.stringify({ ...copy, ...fields }))
  expect((await store().list('42', 's1')).map((e) => e.id)).toEqual([good.id])
  const names = (await readdir(inboxDir)).filter((n) => n.endsWith(DAMAGED_SUFFIX))
  expect(names).toHaveLength(3)
})

test('a cut entry keeps its button token across requeue; requeue makes it this run’s, last in line', async () => {
  const s = store()
  const before = new Inbox({ store: s, logger: silentLogger, boot: 'run-1' })
  const cut = await before.accept(message('cut off'))
  const queued = await before.accept(message('queued'))
  before.started(cut)
  await s.idle()
  const after = new Inbox({ store: s, logger: silentLogger, boot: 'run-2' })
  const [running] = await s.list('42', 's1')
  if (!running) throw new Error('missing entry')
  await after.cut(running, new Date(Date.now() + 60_000))
  expect(running.cut?.token).toMatch(/^[A-Za-z0-9_-]{12}$/)
  await after.requeue(running)
  const listed = await s.list('42', 's1')
  expect(listed.map((e) => [e.prompt, e.state, e.boot])).toEqual([
    ['queued', 'queued', 'run-1'],
    ['cut off', 'queued', 'run-2'],
  ])
  expect(listed[1]?.cut).toBeUndefined()
  expect(queued.id).not.toBe(cut.id)
})

test('a write for a session deleted meanwhile fails (logged) instead of bringing its directory back', async () => {
  const session = join(dir, 'session')
  await mkdir(session)
  const s = new InboxStore({ sessionDirectory: () => session, logger: silentLogger })
  const inbox = new Inbox({ store: s, logger: silentLogger })
  const entry = await inbox.accept(message('one'))
  await rm(session, { recursive: true })
  inbox.started(entry)
  await s.idle()
  await expect(readdir(session)).rejects.toThrow(/ENOENT/)
})
