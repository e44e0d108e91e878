import { spawnSync } from 'node:child_process'
import { mkdir, readdir, readFile, rm, stat, symlink, unlink, writeFile } from 'node:fs/promises'
import { hostname } from 'node:os'
import { join } from 'node:path'
import { expect, test } from 'vitest'
import { ask } from './support/ask.js'
import type { FakeUser } from './support/fakes.js'
import type { BotHarness } from './support/harness.js'
import { useBotHarness } from './support/use-bot-harness.js'
import { ALLOWED_IDS, user } from './support/users.js'

// Sessions heal themselves from damaged or missing files (packages/core: working-directory.ts,
// metadata-repair.ts, name-repair.ts, lock-holder.ts) and the user hears what happened, once.

const env: Record<string, string> = {}
const dirs = { scratch: '' }
const bot = useBotHarness({
  allowedUsers: ALLOWED_IDS,
  env,
  prepare: async ({ scratchDir }) => {
    env.SWITCHBOARD_PROJECT_ROOTS = scratchDir
    dirs.scratch = scratchDir
  },
})

/** The directory of the user's only session with that name (read from its metadata on disk). */
async function sessionDir(h: BotHarness, u: FakeUser, name: string): Promise<string> {
  const owner = join(h.dataDir, 'sessions', String(u.id))
  for (const id of await readdir(owner)) {
    if (id.startsWith('.')) continue
    const text = await readFile(join(owner, id, 'metadata.json'), 'utf8').catch(() => '')
    if (text.includes(`"name": "${name}"`)) return join(owner, id)
  }
  throw new Error(`no session ${name}`)
}

/** Test user `index` gets session `name` with one answered message in its history. */
async function sessionWithHistory(index: number, name: string, text: string) {
  const h = bot()
  const u = user(index)
  await ask(h, `/new ${name}`, u)
  await say(h, u, text)
  return { h, u }
}

async function say(h: BotHarness, u: FakeUser, text: string): Promise<void> {
  const update = h.send(text, u)
  await h.waitForReply(update, (m) => m.text.includes(`echo: ${text}`), {
    chatId: u.id,
    timeoutMs: 30_000,
  })
}

test('a deleted workspace is recreated: the next message runs and the user is told once', async () => {
  const { h, u } = await sessionWithHistory(0, 'ws', 'first')
  const dir = await sessionDir(h, u, 'ws')
  await rm(join(dir, 'workspace'), { recursive: true }) // while its process is still live
  expect((await ask(h, '/status', u)).text).toContain('The workspace is missing')

  const update = h.send('second', u)
  const notice = await h.waitForReply(
    update,
    (m) => m.text.includes('files that were in it are gone'),
    {
      chatId: u.id,
      timeoutMs: 30_000,
    },
  )
  expect(notice.text).toContain(join(dir, 'workspace'))
  await h.waitForReply(update, (m) => m.text.includes('echo: second'), {
    chatId: u.id,
    timeoutMs: 30_000,
  })
  await say(h, u, 'third')
  const notices = h.chat(u.id).botMessages.filter((m) => m.text.includes('in it are gone'))
  expect(notices).toHaveLength(1)
  expect(h.chat(u.id).botMessages.some((m) => /send your message again/i.test(m.text))).toBe(false)
  expect(h.telegram.errors()).toEqual([])
})

test('a bound project directory that vanished: one clear error naming it, and /status shows it', async () => {
  const h = bot()
  const u = user(1)
  const project = join(dirs.scratch, 'vanishing')
  await mkdir(project)
  await ask(h, `/new proj default ${project}`, u)
  await say(h, u, 'one')
  await rm(project, { recursive: true }) // while its process is live

  const update = h.send('two', u)
  const reply = await h.waitForReply(update, (m) => m.text.includes('is missing'), {
    chatId: u.id,
    timeoutMs: 30_000,
  })
  expect(reply.text).toContain(`project directory ${project} is missing`)
  expect(reply.text).toContain('/delete')
  // Not the old "Claude Code could not be started: … send your message again" loop.
  expect(reply.text).not.toMatch(/could not be started|spawn|SessionLoadError|stack/i)
  expect((await ask(h, '/status', u)).text).toContain('The project directory is missing')
  // Nothing was created in its place: the directory is the user's.
  await expect(readdir(project)).rejects.toMatchObject({ code: 'ENOENT' })
  expect(h.telegram.errors()).toEqual([])
})

test('a truncated metadata.json is rebuilt (the conversation resumes) and /delete archives it', async () => {
  const { h, u } = await sessionWithHistory(2, 'trunc', 'remember the word marmalade')
  await ask(h, '/suspend', u)
  const dir = await sessionDir(h, u, 'trunc')
  const metadata = join(dir, 'metadata.json')
  const text = await readFile(metadata, 'utf8')
  await writeFile(metadata, text.slice(0, text.indexOf('"workingDirectory"')))

  const status = h.send('/status', u)
  const notice = await h.waitForReply(status, (m) => m.text.includes('damaged metadata.json'), {
    chatId: u.id,
  })
  expect(notice.text).toContain('Session trunc had a damaged metadata.json; it was rebuilt')
  expect(notice.text).toContain('conversation was found in its transcripts')
  expect(notice.text).toContain('metadata.json.damaged-')
  await say(h, u, 'what was the word')
  const resumed = h.anthropic.requests.find((r) => r.prompt === 'what was the word')
  expect(JSON.stringify(resumed?.messages)).toContain('marmalade')

  // Damaged again, and unreadable this time (a directory in its place): /delete still archives it.
  await unlink(metadata)
  await mkdir(metadata)
  const asked = await ask(h, '/delete trunc', u)
  expect(asked.text).toContain('Delete session trunc?')
  h.press(asked.messageId, 'Delete', u)
  await h.waitFor(() =>
    h
      .chat(u.id)
      .botMessages.find((m) => m.messageId === asked.messageId && m.text.startsWith('Deleted')),
  )
  expect((await ask(h, '/sessions', u)).text).not.toContain('trunc')
  expect(h.telegram.errors()).toEqual([])
})

test('a lost .names entry: /new of that name is refused and /switch finds the old session', async () => {
  const { h, u } = await sessionWithHistory(3, 'delta', 'the answer is forty-two')
  await ask(h, '/new other', u)
  await unlink(join(h.dataDir, 'sessions', String(u.id), '.names', 'delta'))

  expect((await ask(h, '/new delta', u)).text).toContain('A session named delta already exists')
  expect((await ask(h, '/switch delta', u)).text).toBe(
    'Now in session delta. Your messages go here.',
  )
  await say(h, u, 'what was the answer')
  const request = h.anthropic.requests.find((r) => r.prompt === 'what was the answer')
  expect(JSON.stringify(request?.messages)).toContain('forty-two')
  const owner = join(h.dataDir, 'sessions', String(u.id))
  expect((await readdir(owner)).filter((d) => !d.startsWith('.') && d !== 'active')).toHaveLength(2)
  expect(h.telegram.errors()).toEqual([])
})

test('a lock left by a dead process: the user hears within ~1 s, and /new goes on', async () => {
  const h = bot()
  const u = user(4)
  await ask(h, '/new first', u)
  const lock = join(h.dataDir, 'sessions', String(u.id), '.locks', 'owner.lock')
  // Fresh, as a holder killed a moment ago leaves it, with its record (pid now dead).
  await mkdir(lock, { recursive: true })
  const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'])
  const record = {
    pid: Number(dead.stdout.toString()),
    host: hostname(),
    ino: (await stat(lock)).ino,
  }
  await writeFile(`${lock}.holder`, JSON.stringify(record))

  const started = Date.now()
  const update = h.send('/new second', u)
  const waiting = await h.waitForReply(update, () => true, { chatId: u.id, timeoutMs: 20_000 })
  const heardAfter = Date.now() - started
  expect(waiting.text).toBe('⏳ Waiting for another operation on your sessions…')
  expect(heardAfter).toBeLessThan(2_500)
  await h.waitForReply(update, (m) => m.text.startsWith('Created session second'), {
    chatId: u.id,
    timeoutMs: 20_000,
  })
  // Taken over ~2 s after the lock's last refresh (its holder is dead), not after the 10 s stale time.
  expect(Date.now() - started).toBeLessThan(6_000)
  // The notice is removed once the wait is over: one message, gone.
  await h.waitFor(() => !h.chat(u.id).botMessages.some((m) => m.text.startsWith('⏳')))
  expect(h.telegram.errors()).toEqual([])
})

// A real refused write without root tricks: as root, chmod denies nothing, but /sys refuses new
// files to everyone (EACCES). The name index is pointed there, so /new's claim fails for real.
test.skipIf(process.platform !== 'linux')(
  'a file-system error says what it is and where, not "Something went wrong"',
  async () => {
    const h = bot()
    const u = user(5)
    await ask(h, '/new first', u)
    const names = join(h.dataDir, 'sessions', String(u.id), '.names')
    await rm(names, { recursive: true })
    await symlink('/sys', names)
    const reply = await ask(h, '/new second', u)
    expect(reply.text).toMatch(
      /^Permission denied \((EACCES|EPERM)\) on \/\S+\/sessions\/2006\/.names\./,
    )
    expect(reply.text).toContain('chown/chmod')
    expect(reply.text).not.toContain('Something went wrong')
    expect(h.telegram.errors()).toEqual([])
  },
)
