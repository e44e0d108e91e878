import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { expect, test } from 'vitest'
import { ask } from './support/ask.js'
import { useBotHarness } from './support/use-bot-harness.js'
import { ALLOWED_IDS, user } from './support/users.js'

// Claude Code's own commands from Telegram, with the real CLI: a project's custom command reached through
// its Telegram name, the per-chat command menu, /compact, /clear and /context.
const env: Record<string, string> = {}
const dirs = { project: '' }

const bot = useBotHarness({
  env,
  allowedUsers: ALLOWED_IDS,
  prepare: async ({ scratchDir }) => {
    env.SWITCHBOARD_PROJECT_ROOTS = scratchDir
    dirs.project = join(scratchDir, 'proj')
    await mkdir(join(dirs.project, '.claude', 'commands'), { recursive: true })
    await writeFile(
      join(dirs.project, '.claude', 'commands', 'review-pr.md'),
      '---\ndescription: Review a pull request\nargument-hint: <number>\n---\nPlease review pull request number $ARGUMENTS now.\n',
    )
  },
})

const LONG = { timeoutMs: 30_000 }

test('a project command reaches the model through /review_pr; the chat menu and /help list it', async () => {
  const h = bot()
  const u = user(0)
  await ask(h, `/new proj default ${dirs.project}`, u)
  // Before the session has run, its commands are not known: the usual reply, with a hint.
  expect((await ask(h, '/review_pr 12', u)).text).toContain('There is no command /review_pr')
  const hello = h.send('hello', u)
  await h.waitForReply(hello, (m) => m.text.includes('echo: hello'), { chatId: u.id, ...LONG })

  // The menu of this chat: the bot's commands, then the project's command under its Telegram name.
  const menu = await h.waitFor(() => {
    const commands = h.telegram.commands({ chatId: u.id })
    return commands.some((c) => c.command === 'review_pr') && commands
  }, 30_000)
  expect(menu.slice(0, 2).map((c) => c.command)).toEqual(['start', 'help'])
  expect(menu.find((c) => c.command === 'review_pr')?.description).toBe(
    'Review a pull request (project)',
  )
  expect(menu.length).toBeLessThanOrEqual(100)
  expect(h.telegram.commands({ chatId: user(1).id })).not.toContainEqual(
    expect.objectContaining({ command: 'review_pr' }),
  )

  const review = h.send('/review_pr 12', u)
  await h.waitForReply(review, (m) => m.text.includes('review pull request number 12'), {
    chatId: u.id,
    ...LONG,
  })
  const request = h.anthropic.requests.find((r) => r.prompt.includes('pull request number 12'))
  expect(request, 'the expanded command reached the Messages API').toBeDefined()

  const help = await ask(h, '/help', u)
  expect(help.text).toContain(
    '/review_pr <number> (= /review-pr) — Review a pull request (project)',
  )

  // Another active session (never run): the menu follows it, back to the bot's own commands.
  await ask(h, '/new other', u)
  await h.waitFor(
    () => !h.telegram.commands({ chatId: u.id }).some((c) => c.command === 'review_pr'),
    10_000,
  )
  expect(h.telegram.commands({ chatId: u.id })).toEqual(h.telegram.commands()) // the default menu
  await ask(h, '/switch proj', u)
  await h.waitFor(
    () => h.telegram.commands({ chatId: u.id }).some((c) => c.command === 'review_pr'),
    10_000,
  )

  // Unknown commands keep today's reply.
  expect((await ask(h, '/no_such_thing', u)).text).toBe(
    'There is no command /no_such_thing. /help lists the commands.',
  )
  expect(h.telegram.errors()).toEqual([])
})

test('/context shows the fill, /compact what it freed, /clear a fresh conversation', async () => {
  const h = bot()
  const u = user(2)
  await ask(h, '/new ctx', u)
  const early = h.send('/compact', u)
  const nothing = await h.waitForReply(early, (m) => m.text.startsWith('Nothing was compacted'), {
    chatId: u.id,
    ...LONG,
  })
  expect(nothing.text).toBe('Nothing was compacted in ctx: No messages to compact')
  for (const text of ['first words', 'second words']) {
    const update = h.send(text, u)
    await h.waitForReply(update, (m) => m.text.includes(`echo: ${text}`), { chatId: u.id, ...LONG })
  }
  const context = await ask(h, '/context', u)
  expect(context.text).toMatch(/^ctx context: [\d.]+k of [\d.]+[kM] tokens \(\d+%\)/)
  expect(context.text).toContain('System prompt:')
  expect((await ask(h, '/status', u)).text).toMatch(/Context: [\d.]+k of [\d.]+[kM] tokens/)

  const compact = h.send('/compact keep the decisions', u)
  const compacted = await h.waitForReply(compact, (m) => m.text.startsWith('Compacted'), {
    chatId: u.id,
    ...LONG,
  })
  expect(compacted.text).toMatch(/^Compacted ctx\. [\d.]+k → [\d.]+k? tokens: [\d.]+k? freed\.$/)
  expect(
    h.anthropic.requests.some((r) => JSON.stringify(r.messages).includes('keep the decisions')),
    'the instructions reached the summarisation request',
  ).toBe(true)

  const cleared = await ask(h, '/clear', u)
  expect(cleared.text).toContain('starts a fresh conversation with your next message')
  const remember = h.send('REMEMBER?', u)
  const answer = await h.waitForReply(remember, (m) => m.text.startsWith('history:'), {
    chatId: u.id,
    ...LONG,
  })
  expect(answer.text).not.toContain('first words')
  expect(h.telegram.errors()).toEqual([])
})
