import { randomUUID } from 'node:crypto'
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pino } from 'pino'
import { afterEach, beforeEach, expect, test } from 'vitest'
import { FINAL_OUTBOX_DIR, FinalJournal } from './final-journal.js'
import type { FinalRecord } from './final-record.js'

let dir: string
const lines: { msg: string; reason?: string }[] = []
const logger = pino(
  { level: 'warn' },
  { write: (line: string) => void lines.push(JSON.parse(line)) },
)

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'final-journal-'))
  lines.length = 0
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

function record(overrides: Partial<FinalRecord> = {}): FinalRecord {
  return {
    version: 1,
    id: randomUUID(),
    owner: '42',
    sessionId: 's-main',
    chatId: 42,
    kind: 'answer',
    finishedAt: Date.now(),
    seq: 0,
    items: [
      { type: 'message', text: '<b>first</b>', html: true },
      {
        type: 'document',
        fileName: 'answer.md',
        caption: 'The whole answer (5 characters) is in this file.',
      },
    ],
    ...overrides,
  }
}

const outbox = () => join(dir, FINAL_OUTBOX_DIR)

test('a saved final is private, complete on disk, updated as parts are confirmed, and gone once removed', async () => {
  const journal = new FinalJournal(logger)
  const final = record()
  await journal.save(dir, final, Buffer.from('# all'))
  for (const name of [`${final.id}.json`, `${final.id}.md`]) {
    expect((await stat(join(outbox(), name))).mode & 0o777).toBe(0o600)
  }
  expect((await stat(outbox())).mode & 0o777).toBe(0o700)
  expect((await journal.readDocument(dir, final.id, 100)).toString()).toBe('# all')
  expect((await journal.readDocument(dir, final.id, 3)).toString()).toBe('# a')

  const first = final.items[0]
  if (first) first.messageId = 7
  await journal.update(dir, final)
  const [loaded] = await journal.load(dir)
  expect(loaded?.items.map((i) => i.messageId)).toEqual([7, undefined])

  await journal.remove(dir, final.id)
  expect(await readdir(outbox())).toEqual([])
  expect(lines).toEqual([])
})

test('updates land in the order they were made', async () => {
  const journal = new FinalJournal(logger)
  const final = record()
  await journal.save(dir, final)
  const writes: Promise<void>[] = []
  for (let id = 1; id <= 20; id++) {
    const first = final.items[0]
    if (first) first.messageId = id
    writes.push(journal.update(dir, final))
  }
  await Promise.all(writes)
  const [loaded] = await journal.load(dir)
  expect(loaded?.items[0]?.messageId).toBe(20)
})

test('a damaged record is logged and set aside; the others still load; nothing throws', async () => {
  const journal = new FinalJournal(logger)
  const good = record()
  await journal.save(dir, good, Buffer.from('x'))
  const truncated = randomUUID()
  const invalid = randomUUID()
  await writeFile(join(outbox(), `${truncated}.json`), '{"version":1,"id":')
  await writeFile(join(outbox(), `${truncated}.md`), 'its file')
  await writeFile(
    join(outbox(), `${invalid}.json`),
    JSON.stringify({ ...record({ id: invalid }), items: [] }),
  )
  const loaded = await journal.load(dir)
  expect(loaded.map((r) => r.id)).toEqual([good.id])
  expect((await readdir(join(outbox(), 'damaged'))).sort()).toEqual(
    [`${invalid}.json`, `${truncated}.json`, `${truncated}.md`].sort(),
  )
  expect(lines.filter((l) => l.msg.includes('damaged'))).toHaveLength(2)
  // A second start does not see them again.
  lines.length = 0
  expect((await journal.load(dir)).map((r) => r.id)).toEqual([good.id])
  expect(lines).toEqual([])
})

test('a document left without its record (a crash between the writes) is removed at load', async () => {
  const journal = new FinalJournal(logger)
  await mkdir(outbox(), { recursive: true })
  const orphan = randomUUID()
  await writeFile(join(outbox(), `${orphan}.md`), 'half-saved')
  expect(await journal.load(dir)).toEqual([])
  expect(await readdir(outbox())).toEqual([])
})

test('a save that fails (the directory is not writable) throws and leaves nothing behind', async () => {
  const journal = new FinalJournal(logger)
  const file = join(dir, 'not-a-dir')
  await writeFile(file, '')
  await expect(journal.save(file, record(), Buffer.from('x'))).rejects.toMatchObject({
    code: expect.stringMatching(/ENOTDIR|EEXIST/),
  })
  expect(await readFile(file, 'utf8')).toBe('')
  expect(await journal.load(file)).toEqual([])
})

test('a save for a session directory that is gone (archived meanwhile) does not recreate it', async () => {
  const journal = new FinalJournal(logger)
  const gone = join(dir, 'archived-session')
  await expect(journal.save(gone, record())).rejects.toMatchObject({ code: 'ENOENT' })
  expect(await readdir(dir)).toEqual([])
})
