// Restarts and the inbox: every accepted message runs exactly once, cut-off turns end in the chat
// with Run again, messages that never started run late with one notice.
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { expect, test } from 'vitest'
import {
  allowedRange,
  chatHistory,
  findFiles,
  freshUser,
  sessionsOf,
  waitForMessage,
} from './conversation-support.js'
import type { FakeUser } from './support/fakes.js'
import type { BotHarness } from './support/harness.js'
import { inlineButtons, messageIdOf } from './support/harness-helpers.js'
import { useBotHarness } from './support/use-bot-harness.js'

// Edit mode: a cut-off turn's live message is edited after the restart (a draft leaves none).
const bot = useBotHarness({
  allowedUsers: allowedRange(),
  env: { SWITCHBOARD_STREAM_MODE: 'edit' },
})

interface OnDisk {
  prompt?: string
  state: string
  liveMessageId?: number
}

/** The user's inbox entries on disk (every session). */
async function inbox(h: BotHarness, user: FakeUser): Promise<OnDisk[]> {
  const owner = join(h.dataDir, 'sessions', String(user.id))
  const files = (await findFiles(owner, 'inbox').catch(() => [])).flatMap((dir) =>
    readdir(dir).then((names) => names.filter((n) => n.endsWith('.json')).map((n) => join(dir, n))),
  )
  const paths = (await Promise.all(files)).flat()
  return Promise.all(paths.map(async (p) => JSON.parse(await readFile(p, 'utf8')) as OnDisk))
}

/** Waits until the inbox on disk satisfies `probe` (polling). */
async function waitForInbox(h: BotHarness, user: FakeUser, probe: (e: OnDisk[]) => boolean) {
  let entries: OnDisk[] = []
  const poll = setInterval(() => {
    void inbox(h, user).then((found) => {
      entries = found
    })
  }, 50)
  try {
    await h.waitFor(() => probe(entries), 20_000)
  } finally {
    clearInterval(poll)
  }
}

/** The user's first message creates session main; returns its id and inbox directory. */
async function startSession(h: BotHarness, user: FakeUser) {
  h.send('hello', user)
  await waitForMessage(h, user, (m) => m.text === 'echo: hello')
  const [session] = await sessionsOf(h, user)
  const id = session?.id ?? ''
  return { session: id, dir: join(h.dataDir, 'sessions', String(user.id), id, 'inbox') }
}

/** How many main-conversation requests the model got for this prompt. */
const ran = (h: BotHarness, prompt: string) =>
  h.anthropic.turnRequests().filter((r) => r.prompt === prompt).length

const notices = (h: BotHarness, user: FakeUser) =>
  h
    .chat(user.id)
    .botMessages.filter((m) => m.text.startsWith('The bot restarted.'))
    .map((m) => m.text)

test('kill -9 mid-turn with a message queued: the cut-off turn offers Run again (also after another restart), the queued one runs late, once', async () => {
  const h = bot()
  const user = freshUser()
  const cutPrompt = 'SLOW:6000:the cut-off answer'
  h.send(cutPrompt, user)
  await h.waitFor(() => ran(h, cutPrompt) === 1, 20_000)
  await waitForInbox(h, user, (e) => e.some((x) => x.state === 'running' && x.liveMessageId))
  const [running] = (await inbox(h, user)).filter((e) => e.state === 'running')
  const liveId = running?.liveMessageId ?? 0
  h.send('queued behind it', user)
  await waitForInbox(h, user, (e) => e.some((x) => x.prompt === 'queued behind it'))
  await h.restart('SIGKILL')

  // The live message no longer says "working": it says it was cut off, with Run again.
  const cut = await h.waitFor(() =>
    h.chat(user.id).botMessages.find((m) => m.messageId === liveId && m.text.includes('cut off')),
  )
  expect(cut.text).toBe(
    `main · ✂️ cut off by a restart before it finished: "${cutPrompt}". Run again starts it over.`,
  )
  expect(inlineButtons(cut.replyMarkup).map((b) => b.text)).toEqual(['Run again'])
  await waitForMessage(h, user, (m) => m.text === 'echo: queued behind it')
  expect(notices(h, user)).toEqual([
    `The bot restarted.\n• Cut off: "${cutPrompt}" — Run again is on its message.\n• "queued behind it" had not started yet: it runs now, late.`,
  ])

  // The button outlives another restart (its token is kept on disk), and nothing is told twice.
  await h.restart('SIGTERM')
  h.press(liveId, 'Run again', user)
  await waitForMessage(h, user, (m) => m.text === 'the cut-off answer', 30_000)
  expect(ran(h, cutPrompt)).toBe(2) // the original and the Run again
  expect(ran(h, 'queued behind it')).toBe(1)
  expect(notices(h, user)).toHaveLength(1)
  expect(chatHistory(h, user.id).filter((t) => t.includes('may be incomplete'))).toEqual([])
  // Pressed: the button is gone, and the entry too.
  await h.waitFor(
    () =>
      inlineButtons(h.chat(user.id).messages.find((m) => m.messageId === liveId)?.replyMarkup)
        .length === 0,
  )
  await waitForInbox(h, user, (e) => e.length === 0)
  expect(h.telegram.errors()).toEqual([])
})

test('SIGTERM with a message queued: after the restart it runs, exactly once', async () => {
  const h = bot()
  const user = freshUser()
  const cutPrompt = 'SLOW:6000:stopped by the shutdown'
  h.send(cutPrompt, user)
  await h.waitFor(() => ran(h, cutPrompt) === 1, 20_000)
  await waitForInbox(h, user, (e) => e.some((x) => x.liveMessageId !== undefined))
  h.send('waits its turn', user)
  await waitForInbox(h, user, (e) => e.some((x) => x.prompt === 'waits its turn'))
  const liveId = (await inbox(h, user)).find((e) => e.state === 'running')?.liveMessageId
  await h.restart('SIGTERM')
  await waitForMessage(h, user, (m) => m.text === 'echo: waits its turn')
  const [notice] = notices(h, user)
  expect(notice).toContain('"waits its turn" had not started yet: it runs now, late.')
  expect(notice).toContain(`Cut off: "${cutPrompt}"`)
  // The stopped turn's live message is ended with Run again, like after a crash.
  const live = h.chat(user.id).botMessages.find((m) => m.messageId === liveId)
  expect(live?.text).toContain('cut off by a restart')
  expect(inlineButtons(live?.replyMarkup).map((b) => b.text)).toEqual(['Run again'])
  expect(ran(h, 'waits its turn')).toBe(1)
  expect(ran(h, cutPrompt)).toBe(1)
  expect(h.telegram.errors()).toEqual([])
})

test('an upload accepted behind a running turn survives kill -9 and runs late, once', async () => {
  const h = bot()
  const user = freshUser()
  h.send('SLOW:6000:busy', user)
  await waitForInbox(h, user, (e) => e.some((x) => x.state === 'running'))
  h.telegram.userSendsDocument(user, { name: 'later.txt', content: 'keep me' }, 'Read this later')
  // Accepted, and its file already fetched (the prompt is kept: a restart fetches nothing again).
  await waitForInbox(h, user, (e) => e.some((x) => x.state === 'queued' && x.prompt))
  await h.restart('SIGKILL')
  const answer = await waitForMessage(h, user, (m) => m.text.startsWith('echo: Read this later'))
  expect(answer.text).toContain('Attached file: uploads/later.txt (7 B)')
  expect(notices(h, user)[0]).toContain('"Read this later" had not started yet: it runs now, late.')
  expect(
    h.anthropic.turnRequests().filter((r) => r.prompt.startsWith('Read this later')),
  ).toHaveLength(1)
  expect(h.telegram.errors()).toEqual([])
})

test('a message sent while the bot is down still runs, once, with no restart notice', async () => {
  const h = bot()
  const user = freshUser()
  h.send('before the restart', user)
  await waitForMessage(h, user, (m) => m.text === 'echo: before the restart')
  await h.restart('SIGTERM', () => {
    h.send('sent while down', user)
  })
  await waitForMessage(h, user, (m) => m.text === 'echo: sent while down')
  expect(ran(h, 'sent while down')).toBe(1)
  expect(notices(h, user)).toEqual([])
  expect(h.telegram.errors()).toEqual([])
})

test('a message taken in just before a crash, but not yet confirmed to Telegram, runs once, not twice', async () => {
  const h = bot()
  const user = freshUser()
  const { session, dir } = await startSession(h, user)
  // As if the bot had written the entry and died before its next getUpdates confirmed the update.
  await h.restart('SIGTERM', async () => {
    const update = h.send('taken in, not confirmed', user)
    const entry = {
      version: 1,
      id: 'DDDDDDDDDDDD',
      seq: Date.now() * 1000,
      boot: 'the-run-that-died',
      state: 'queued',
      userId: user.id,
      chatId: user.id,
      owner: String(user.id),
      sessionId: session,
      sessionName: 'main',
      replyTo: messageIdOf(update),
      prompt: 'taken in, not confirmed',
      acceptedAt: new Date().toISOString(),
    }
    await mkdir(dir, { recursive: true })
    await writeFile(join(dir, 'DDDDDDDDDDDD.json'), JSON.stringify(entry))
  })
  await waitForMessage(h, user, (m) => m.text === 'echo: taken in, not confirmed')
  await h.waitFor(() => h.logs().includes('inbox: message already accepted'))
  expect(ran(h, 'taken in, not confirmed')).toBe(1)
  expect(h.telegram.errors()).toEqual([])
})

test('a damaged inbox file is set aside: the session still works and its other messages run', async () => {
  const h = bot()
  const user = freshUser()
  const { dir } = await startSession(h, user)
  await h.restart('SIGTERM', async () => {
    await mkdir(dir, { recursive: true })
    await writeFile(join(dir, 'AAAAAAAAAAAA.json'), '{"version":1,"id":"AAAA') // torn
    await writeFile(join(dir, 'BBBBBBBBBBBB.json'), '{"version":1,"state":"queued"}') // invalid
  })
  h.send('after the damage', user)
  await waitForMessage(h, user, (m) => m.text === 'echo: after the damage')
  const names = await readdir(dir)
  expect(names.filter((n) => n.endsWith('.damaged')).sort()).toEqual([
    'AAAAAAAAAAAA.json.damaged',
    'BBBBBBBBBBBB.json.damaged',
  ])
  expect(h.logs()).toContain('inbox: damaged entry set aside')
  expect(notices(h, user)).toEqual([])
  expect(h.telegram.errors()).toEqual([])
})
