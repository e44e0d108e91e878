import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { expect, test } from 'vitest'
import { sessionsOf } from './conversation-support.js'
import { ask } from './support/ask.js'
import type { FakeUser } from './support/fakes.js'
import type { BotHarness } from './support/harness.js'
import { useBotHarness } from './support/use-bot-harness.js'
import { ALLOWED_IDS, user } from './support/users.js'

// A session's Claude Code commands are remembered in its directory (cli-commands.json): after a restart,
// before its process has started again, /review_pr passes through, /help and the chat's menu list it; a
// remembered command the CLI no longer has ends in a clear reply (not the model reading "/review-pr").
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

const LONG = { timeoutMs: 30_000 }
const REVIEW_PR =
  '---\ndescription: Review a pull request\nargument-hint: <number>\n---\nPlease review pull request number $ARGUMENTS now.\n'

/** A project with `.claude/commands/review-pr.md`; returns its directory and that file. */
async function project(name: string) {
  const dir = join(dirs.scratch, name)
  await mkdir(join(dir, '.claude', 'commands'), { recursive: true })
  const file = join(dir, '.claude', 'commands', 'review-pr.md')
  await writeFile(file, REVIEW_PR)
  return { dir, file }
}

/** Creates session `name` bound to a new project and runs one message in it (its CLI announces). */
async function ranOnce(h: BotHarness, u: FakeUser, name: string) {
  const { dir, file } = await project(name)
  await ask(h, `/new ${name} default ${dir}`, u)
  const hello = h.send('hello', u)
  await h.waitForReply(hello, (m) => m.text.includes('echo: hello'), { chatId: u.id, ...LONG })
  const session = (await sessionsOf(h, u)).find((s) => s.name === name)
  const remembered = join(
    h.dataDir,
    'sessions',
    String(u.id),
    session?.id ?? '?',
    'cli-commands.json',
  )
  await h.waitFor(
    async () =>
      stat(remembered).then(
        () => true,
        () => false,
      ),
    10_000,
  )
  return { file, remembered, id: session?.id ?? '' }
}

const inMenu = (h: BotHarness, u: FakeUser) =>
  h.telegram.commands({ chatId: u.id }).some((c) => c.command === 'review_pr')

test('after a restart, /review_pr reaches the model before the session ran again; /help and the menu list it', async () => {
  const h = bot()
  const u = user(0)
  const { remembered } = await ranOnce(h, u, 'proj')
  expect((await stat(remembered)).mode & 0o777).toBe(0o600)
  const onDisk = JSON.parse(await readFile(remembered, 'utf8'))
  expect(onDisk.commands).toContainEqual(
    expect.objectContaining({ name: 'review-pr', argumentHint: '<number>' }),
  )
  // Another session active (its menu has no review_pr), then the restart.
  await ask(h, '/new other', u)
  await h.waitFor(() => !inMenu(h, u), 10_000)
  await h.restart()
  const turnsBefore = h.anthropic.turnRequests().length

  await ask(h, '/switch proj', u)
  await h.waitFor(() => inMenu(h, u), 10_000)
  const help = await ask(h, '/help', u)
  expect(help.text).toContain(
    '/review_pr <number> (= /review-pr) — Review a pull request (project)',
  )
  expect(help.text).not.toContain('Known once the session has run')
  // No process of proj has run in this bot yet: the list came from its directory.
  expect((await sessionsOf(h, u)).find((s) => s.name === 'proj')?.pid).toBeNull()

  const review = h.send('/review_pr 12', u)
  await h.waitForReply(review, (m) => m.text.includes('review pull request number 12'), {
    chatId: u.id,
    ...LONG,
  })
  // The first message after the restart, expanded by the CLI: it got `/review-pr 12` as typed.
  const [first] = h.anthropic.turnRequests().slice(turnsBefore)
  expect(first?.prompt).toContain('Please review pull request number 12 now.')
  expect(h.telegram.errors()).toEqual([])
})

test('a remembered command the CLI no longer has: a clear reply, nothing sent to Claude, then forgotten', async () => {
  const h = bot()
  const u = user(1)
  const { file } = await ranOnce(h, u, 'gone')
  await rm(file)
  await h.restart()
  const turnsBefore = h.anthropic.turnRequests().length

  expect(inMenu(h, u)).toBe(true) // the menu Telegram keeps from before the restart
  const review = h.send('/review_pr 12', u)
  const reply = await h.waitForReply(review, (m) => m.text.includes('no longer has'), {
    chatId: u.id,
    ...LONG,
  })
  expect(reply.text).toContain(
    'Claude Code no longer has the command /review-pr in this session (was its command file removed or renamed?), so nothing was sent to Claude.',
  )
  expect(h.anthropic.turnRequests().slice(turnsBefore)).toEqual([])
  // The process announced its new list: the command is gone from the menu, and from passthrough.
  await h.waitFor(() => !inMenu(h, u), 10_000)
  expect((await ask(h, '/review_pr 12', u)).text).toBe(
    'There is no command /review_pr. /help lists the commands.',
  )
  expect(h.telegram.errors()).toEqual([])
})
