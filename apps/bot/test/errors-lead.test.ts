import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { defaultResponder, type Responder } from '@switchboard/test-utils'
import { afterAll, beforeAll, expect, test } from 'vitest'
import type { ChatMessage, FakeUser } from './support/fakes.js'
import { type BotHarness, startBotHarness } from './support/harness.js'
import { ALLOWED_IDS, user } from './support/users.js'

// Errors that lead somewhere, with the real CLI: a lost conversation offers a fresh one, an
// authentication error is not retried and says where to look, an overload keeps retrying visibly.
const retried = new Map<string, number>()
/** `AUTHRETRY`: a 401 the client may retry; `OVERLOAD`: two 529s, then an answer. */
const responder: Responder = (req) => {
  if (req.isSideRequest) return defaultResponder(req)
  if (req.prompt === 'AUTHRETRY')
    return { kind: 'error', status: 401, message: 'invalid x-api-key', retry: true }
  if (req.prompt === 'OVERLOAD') {
    const n = (retried.get('OVERLOAD') ?? 0) + 1
    retried.set('OVERLOAD', n)
    if (n <= 2) return { kind: 'error', status: 529, message: 'Overloaded', retry: true }
    return { kind: 'text', text: 'answer after the overload' }
  }
  return defaultResponder(req)
}

let h: BotHarness
beforeAll(async () => {
  h = await startBotHarness({ allowedUsers: ALLOWED_IDS, responder })
}, 60_000)
afterAll(() => h?.stop())

test('a lost conversation offers a fresh one: the id is cleared, the files stay, the next message is answered', {
  timeout: 120_000,
}, async () => {
  const u = user(0)
  await reply(u, 'remember the word lantern', (m) => m.text === 'echo: remember the word lantern')
  const meta = sessionMeta(u)
  const conversation = conversationFile(meta.claudeSessionId)
  const kept = join(meta.workingDirectory, 'notes.txt')
  writeFileSync(kept, 'my work\n')
  // The conversation file goes (another machine, a wiped ~/.claude); the CLI must resume it.
  rmSync(conversation)
  await reply(u, '/suspend', (m) => m.text.includes('uspended'))
  const lost = await reply(u, 'are you there?', (m) => m.text.includes("can't be found"))
  expect(lost.text).toContain('Start a fresh conversation in this session')
  expect(lost.text).not.toMatch(/No conversation found|session ID|send your message again/i)
  const keyboard = lost.replyMarkup as { inline_keyboard: { text: string }[][] } | undefined
  const buttons = keyboard?.inline_keyboard.flat().map((b) => b.text)
  expect(buttons).toEqual(['Start a fresh conversation in this session'])

  h.press(lost.messageId, 'Start a fresh conversation in this session', u)
  await h.waitForBotMessage((m) => m.text.includes('starts a fresh conversation'), {
    chatId: u.id,
    timeoutMs: 15_000,
  })
  await h.waitFor(() => sessionMeta(u).claudeSessionId === null, 10_000)
  const answered = await reply(u, 'REMEMBER?', (m) => m.text.startsWith('history:'))
  expect(answered.text).not.toContain('lantern') // a fresh conversation…
  expect(readFileSync(kept, 'utf8')).toBe('my work\n') // …in the same session, files kept
  expect(sessionMeta(u).claudeSessionId).toEqual(expect.any(String))
  expect(h.telegram.errors()).toEqual([])
})

test('a 401 the CLI would retry is cut short: one message naming ANTHROPIC_API_KEY and the login', {
  timeout: 90_000,
}, async () => {
  const u = user(1)
  const sentAt = Date.now()
  const final = await reply(u, 'AUTHRETRY', (m) => m.text.includes('credentials'))
  const ms = Date.now() - sentAt
  // biome-ignore lint/suspicious/noConsole: a measured figure for the issue's closing note
  console.info(`[measure] 401 with retries allowed → auth message after ${ms} ms`)
  expect(final.text).toMatch(
    /^Claude's API refused its credentials \(401\), so Claude Code can't answer \(ref [0-9a-f]{6}\)\./,
  )
  expect(final.text).toContain('ANTHROPIC_API_KEY')
  expect(final.text).toContain('/login')
  // The CLI retries 401s up to 10 times with growing delays; the bot stopped it after the first.
  const attempts = h.anthropic.turnRequests().filter((r) => r.prompt === 'AUTHRETRY').length
  expect(attempts).toBeLessThanOrEqual(2)
  const texts = h.chat(u.id).botMessages.map((m) => m.text)
  expect(texts.filter((t) => t.includes('credentials'))).toHaveLength(1)
  expect(texts.join('\n')).not.toMatch(/Stopped|retrying|x-api-key/)
  const direct = await reply(u, 'ERROR:401:invalid x-api-key', (m) =>
    m.text.includes('refused its credentials'),
  )
  // The CLI's own words ("Invalid API key · Fix external API key") stay in the log.
  expect(direct.text).not.toContain('Fix external API key')
  await reply(u, 'ERROR:403:forbidden here', (m) => m.text.includes('denied access (403)'))
  expect(h.telegram.errors()).toEqual([])
})

test('an overload keeps retrying visibly, then the answer comes', { timeout: 90_000 }, async () => {
  const u = user(2)
  await reply(u, 'warm up', (m) => m.text === 'echo: warm up')
  const update = h.send('OVERLOAD', u)
  await h.waitForReply(update, (m) => m.text === 'answer after the overload', {
    chatId: u.id,
    timeoutMs: 60_000,
  })
  const shown = h.telegram.calls
    .filter((c) => c.ok && c.params.chat_id === u.id)
    .map((c) => String(c.params.text ?? ''))
  expect(shown.some((t) => /API error 529, retrying/.test(t))).toBe(true)
  expect(h.telegram.errors()).toEqual([])
})

test('other API errors name a log reference, never JSON', { timeout: 60_000 }, async () => {
  const u = user(3)
  const final = await reply(u, 'ERROR:400:{"detail":"bad"}', (m) => m.text.includes('(ref '))
  expect(final.text).toMatch(/^Claude's API returned an error/)
  expect(final.text).not.toContain('{')
  const ref = /\(ref ([0-9a-f]{6})\)/.exec(final.text)?.[1] ?? ''
  await h.waitFor(() => h.logs().includes(`"errorRef":"${ref}"`), 10_000)
  expect(h.telegram.errors()).toEqual([])
})

function reply(u: FakeUser, text: string, match: (m: ChatMessage) => boolean) {
  return h.waitForReply(h.send(text, u), match, { chatId: u.id, timeoutMs: 45_000 })
}

interface Meta {
  claudeSessionId: string | null
  workingDirectory: string
}

/** The user's only session's metadata.json. */
function sessionMeta(u: FakeUser): Meta {
  const dir = join(h.dataDir, 'sessions', String(u.id))
  for (const id of readdirSync(dir)) {
    const file = join(dir, id, 'metadata.json')
    if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as Meta
  }
  throw new Error(`no session for ${u.id}`)
}

/** The CLI's conversation file (~/.claude/projects/<project>/<id>.jsonl). */
function conversationFile(id: string | null): string {
  const root = join(h.homeDir, '.claude', 'projects')
  for (const project of readdirSync(root)) {
    const file = join(root, project, `${id}.jsonl`)
    if (existsSync(file)) return file
  }
  throw new Error(`no conversation file for ${id} under ${root}`)
}
