// Terminal conversations on the phone: a conversation made by running `claude -p` in a project
// directory (as at the desk; stdin closed) is listed by /resume and offered by /new, and picking it
// makes the session continue it (--resume): REMEMBER? shows the desk's prompts.
import { spawn } from 'node:child_process'
import { mkdir, rm, utimes, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { claudeProjectKey } from '@switchboard/core'
import { claudeEnv } from '@switchboard/test-utils'
import { expect, test } from 'vitest'
import { ask } from './support/ask.js'
import type { ChatMessage, FakeUser } from './support/fakes.js'
import { type BotHarness, CLAUDE_PATH } from './support/harness.js'
import { inlineButtons } from './support/harness-helpers.js'
import { useBotHarness } from './support/use-bot-harness.js'
import { ALLOWED_IDS, user as testUser } from './support/users.js'

const env: Record<string, string> = {}
const dirs = { scratch: '' }

const bot = useBotHarness({
  env,
  allowedUsers: ALLOWED_IDS,
  prepare: async ({ scratchDir }) => {
    env.SWITCHBOARD_PROJECT_ROOTS = scratchDir
    dirs.scratch = scratchDir
  },
})

/** A project directory of the scratch dir. */
async function project(name: string): Promise<string> {
  const dir = join(dirs.scratch, name)
  await mkdir(dir, { recursive: true })
  return dir
}

interface DeskResult {
  session_id: string
  result: string
}

/** Runs the real CLI in `cwd` as a terminal user would (`claude -p`, stdin closed); its result. */
function claudeAtDesk(h: BotHarness, cwd: string, args: string[]): Promise<DeskResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(CLAUDE_PATH, ['-p', ...args, '--output-format', 'json'], {
      cwd,
      env: claudeEnv({ apiUrl: h.anthropic.url, home: h.homeDir }),
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let out = ''
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString()
    })
    child.stderr.on('data', (chunk: Buffer) => {
      out += chunk.toString()
    })
    child.on('error', reject)
    child.on('close', (code) => {
      try {
        const result = JSON.parse(out) as DeskResult & { is_error: boolean }
        if (code !== 0 || result.is_error) throw new Error(`claude exited ${code}`)
        resolve(result)
      } catch (error) {
        reject(new Error(`claude -p failed: ${String(error)}\n${out}`))
      }
    })
  })
}

async function reply(
  h: BotHarness,
  user: FakeUser,
  text: string,
  done: (m: ChatMessage) => boolean,
) {
  const update = h.send(text, user)
  return h.waitForReply(update, done, { chatId: user.id, timeoutMs: 30_000 })
}

const buttonsOf = (m: ChatMessage) => inlineButtons(m.replyMarkup).map((b) => b.text)

test('/resume lists the desk conversations of the directory, newest first; picking one continues it (REMEMBER? shows its history)', async () => {
  const h = bot()
  const user = testUser(0)
  const dir = await project('desk')
  const older = await claudeAtDesk(h, dir, ['the banana prompt typed at the desk'])
  await claudeAtDesk(h, dir, ['a newer desk conversation'])

  await reply(h, user, `/new desk default ${dir}`, (m) => m.text.startsWith('Created'))
  const list = await reply(h, user, '/resume', () => true)
  expect(list.text).toContain(`Claude Code conversations in ${dir}`)
  const lines = list.text.split('\n').filter((l) => l.startsWith('•'))
  expect(lines).toEqual([
    '• just now — “a newer desk conversation” — 2 messages',
    '• just now — “the banana prompt typed at the desk” — 2 messages',
  ])
  expect(buttonsOf(list)).toEqual([
    'just now · a newer desk conversation',
    'just now · the banana prompt typed at the…',
  ])

  const press = h.press(list.messageId, /banana/, user)
  const picked = await h.waitForReply(press, (m) => m.text.includes('continues the conversation'), {
    chatId: user.id,
  })
  expect(picked.text).toContain('the banana prompt typed at the desk')
  // The list's buttons are gone once one was picked.
  await h.waitFor(
    () =>
      buttonsOf(h.chat(user.id).messages.find((m) => m.messageId === list.messageId) as ChatMessage)
        .length === 0,
  )

  const recalled = await reply(h, user, 'REMEMBER?', (m) => m.text.startsWith('history:'))
  expect(recalled.text).toBe('history: the banana prompt typed at the desk')

  // The phone's turn went on in the desk's conversation: same id, now 4 messages, marked current.
  const again = await reply(h, user, '/resume', () => true)
  expect(again.text).toContain(
    '▶️ just now — “the banana prompt typed at the desk” — 4 messages (current)',
  )
  expect(buttonsOf(again)).toEqual(['just now · a newer desk conversation'])
  // And back at the desk, `claude --resume` sees the phone's prompt in it.
  const desk = await claudeAtDesk(h, dir, ['REMEMBER?', '--resume', older.session_id])
  expect(desk.session_id).toBe(older.session_id)
  expect(desk.result).toBe('history: the banana prompt typed at the desk | REMEMBER?')
  expect(h.telegram.errors()).toEqual([])
}, 120_000)

test('/new in a directory with a desk conversation offers to continue the latest one', async () => {
  const h = bot()
  const user = testUser(1)
  const dir = await project('offer')
  await claudeAtDesk(h, dir, ['the offered desk prompt'])

  const created = await reply(h, user, `/new offered default ${dir}`, (m) =>
    m.text.startsWith('Created'),
  )
  expect(created.text).toContain(
    'Claude Code has a conversation here from just now — “the offered desk prompt” — 2 messages.',
  )
  expect(buttonsOf(created)).toEqual([
    'Continue the latest conversation here (just now · the offered desk prompt)',
  ])
  const press = h.press(created.messageId, /Continue the latest/, user)
  await h.waitForReply(press, (m) => m.text.includes('continues the conversation'), {
    chatId: user.id,
  })
  const recalled = await reply(h, user, 'REMEMBER?', (m) => m.text.startsWith('history:'))
  expect(recalled.text).toBe('history: the offered desk prompt')

  // A directory without conversations: no offer; /resume says so.
  const empty = await project('empty')
  const plain = await reply(h, user, `/new plain default ${empty}`, (m) =>
    m.text.startsWith('Created'),
  )
  expect(plain.text).not.toContain('Claude Code has a conversation')
  expect(buttonsOf(plain)).toEqual([])
  const none = await ask(h, '/resume', user)
  expect(none.text).toContain(`Claude Code has no conversations recorded in ${empty} yet.`)
  expect(h.telegram.errors()).toEqual([])
}, 120_000)

test('a conversation removed from the store since the list: its button says so; the session keeps its own conversation', async () => {
  const h = bot()
  const user = testUser(2)
  const dir = await project('gone')
  const desk = await claudeAtDesk(h, dir, ['a prompt soon deleted'])
  await reply(h, user, `/new gone default ${dir}`, (m) => m.text.startsWith('Created'))
  await reply(h, user, 'the phone prompt', (m) => m.text === 'echo: the phone prompt')
  const list = await reply(h, user, '/resume', () => true)
  expect(buttonsOf(list)).toEqual(['just now · a prompt soon deleted'])
  expect(list.text).toContain('▶️ just now — “the phone prompt” — 2 messages (current)')

  // While it answers, a pick is refused (the running turn would write its own id back).
  const slow = h.send('SLOW:4000:a slow answer', user)
  await h.waitFor(
    () => h.anthropic.turnRequests().some((r) => r.prompt === 'SLOW:4000:a slow answer'),
    20_000,
  )
  h.press(list.messageId, /soon deleted/, user)
  await h.waitFor(() =>
    h.telegram.calls.some(
      (c) =>
        c.method === 'answerCallbackQuery' &&
        c.params.text === 'gone is answering a message: /stop it first.',
    ),
  )
  await h.waitForReply(slow, (m) => m.text === 'a slow answer', {
    chatId: user.id,
    timeoutMs: 30_000,
  })

  const again = await reply(h, user, '/resume', () => true)
  await rm(
    join(h.homeDir, '.claude', 'projects', claudeProjectKey(dir), `${desk.session_id}.jsonl`),
  )
  h.press(again.messageId, /soon deleted/, user)
  await h.waitFor(() =>
    h.telegram.calls.some(
      (c) =>
        c.method === 'answerCallbackQuery' &&
        c.params.text === 'That conversation is no longer in Claude Code’s store.',
    ),
  )
  const recalled = await reply(h, user, 'REMEMBER?', (m) => m.text.startsWith('history:'))
  expect(recalled.text).toBe('history: the phone prompt | SLOW:4000:a slow answer')
  expect(h.telegram.errors()).toEqual([])
}, 120_000)

/** Conversation `n` of `dir` as the CLI records it ("page prompt n" and an answer), `n` min old. */
async function recordedConversation(h: BotHarness, dir: string, n: number, minutesAgo: number) {
  const store = join(h.homeDir, '.claude', 'projects', claudeProjectKey(dir))
  await mkdir(store, { recursive: true })
  const id = `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`
  const lines = [
    { type: 'user', isSidechain: false, message: { role: 'user', content: `page prompt ${n}` } },
    {
      type: 'assistant',
      isSidechain: false,
      message: { id: `msg_${n}`, role: 'assistant', content: [{ type: 'text', text: 'ok' }] },
    },
  ]
  const path = join(store, `${id}.jsonl`)
  await writeFile(path, `${lines.map((l) => JSON.stringify(l)).join('\n')}\n`)
  const at = (Date.now() - minutesAgo * 60_000) / 1_000
  await utimes(path, at, at)
}

test('/resume pages through 25 conversations: Older › and ‹ Newer edit the same message', async () => {
  const h = bot()
  const user = testUser(3)
  const dir = await project('pages')
  // Conversation 25 is the newest (1 min ago), 1 the oldest.
  for (let n = 1; n <= 25; n++) await recordedConversation(h, dir, n, 26 - n)
  await reply(h, user, `/new pages default ${dir}`, (m) => m.text.startsWith('Created'))
  const list = await reply(h, user, '/resume', () => true)
  const prompts = (m: ChatMessage) =>
    m.text
      .split('\n')
      .filter((l) => l.startsWith('•'))
      .map((l) => Number(/page prompt (\d+)/.exec(l)?.[1]))
  const range = (from: number, to: number) =>
    Array.from({ length: from - to + 1 }, (_, i) => from - i)
  expect(list.text).toContain(`Claude Code conversations in ${dir}, newest first (page 1 of 3):`)
  expect(prompts(list)).toEqual(range(25, 16))
  expect(buttonsOf(list).slice(-1)).toEqual(['Older ›'])
  expect(buttonsOf(list)).toHaveLength(11)

  const current = () =>
    h.chat(user.id).messages.find((m) => m.messageId === list.messageId) as ChatMessage
  const showing = (page: string) => h.waitFor(() => current().text.includes(page))
  h.press(list.messageId, 'Older ›', user)
  await showing('(page 2 of 3)')
  expect(prompts(current())).toEqual(range(15, 6))
  expect(buttonsOf(current()).slice(-2)).toEqual(['‹ Newer', 'Older ›'])
  h.press(list.messageId, 'Older ›', user)
  await showing('(page 3 of 3)')
  expect(prompts(current())).toEqual(range(5, 1))
  expect(buttonsOf(current()).slice(-1)).toEqual(['‹ Newer'])
  expect(buttonsOf(current())).toHaveLength(6)
  h.press(list.messageId, '‹ Newer', user)
  await showing('(page 2 of 3)')
  // The pages are one message: nothing new was sent for them.
  expect(h.chat(user.id).botMessages.filter((m) => m.text.includes('newest first'))).toHaveLength(1)

  // A conversation of page 2 is picked as from the first page.
  const press = h.press(list.messageId, /page prompt 12$/, user)
  const picked = await h.waitForReply(press, (m) => m.text.includes('continues the conversation'), {
    chatId: user.id,
  })
  expect(picked.text).toContain('page prompt 12')
  expect(h.telegram.errors()).toEqual([])
}, 120_000)
