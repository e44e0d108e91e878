import { mkdir, readFile, realpath, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { DeskLeases, PhoneTurnLeases, SessionManager } from '@switchboard/core'
import { claudeEnv, defaultResponder, Pty, say } from '@switchboard/test-utils'
import { afterEach, expect, test } from 'vitest'
import { allowedRange, freshUser, sessionsOf, waitForMessage } from './conversation-support.js'
import { HOOKS } from './support/bot-process.js'
import { CLAUDE_PATH } from './support/harness.js'
import { useBotHarness } from './support/use-bot-harness.js'

// The other direction of the desk lease: `switchboard open` (the real CLI's bin, from source, in a
// pseudo-terminal) while the bot is in the middle of a turn of that session waits for the turn to
// end, saying so, and then opens Claude Code's UI on the conversation the phone's turn left.
const CLI_MAIN = fileURLToPath(new URL('../../cli/src/main.ts', import.meta.url))
let releaseAnswer = () => {}
const held = new Promise<void>((resolve) => {
  releaseAnswer = resolve
})
const bot = useBotHarness({
  allowedUsers: allowedRange(),
  // The model holds its answer to HOLD until the test lets it go.
  responder: async (req) => {
    if (req.prompt !== 'HOLD') return defaultResponder(req)
    await held
    return say('the held answer')
  },
  // Before the bot (and its CLIs, which rewrite .claude.json) start: the session, trusted at the desk.
  prepare: async ({ dataDir, homeDir }) => {
    const sessions = new SessionManager({ dataDir })
    const meta = await sessions.create({ owner: String(USER.id), name: 'desk' })
    await sessions.switch(String(USER.id), 'desk')
    await trustAtDesk(desk(homeDir).CLAUDE_CONFIG_DIR ?? '', await realpath(meta.workingDirectory))
  },
})
const USER = freshUser()
/** The desk's environment (the terminal's TERM, the bot's HOME and Claude Code store). */
const desk = (home: string, apiUrl = '') =>
  claudeEnv({ apiUrl, home, extra: { TERM: 'xterm-256color' } })
let pty: Pty | undefined
afterEach(() => {
  releaseAnswer()
  pty?.kill()
})

/** Claude Code's UI asks nothing first: onboarding done, the key approved, `cwd` trusted. */
async function trustAtDesk(configDir: string, cwd: string): Promise<void> {
  await mkdir(configDir, { recursive: true })
  const path = join(configDir, '.claude.json')
  const had = JSON.parse(await readFile(path, 'utf8').catch(() => '{}'))
  await writeFile(
    path,
    JSON.stringify({
      ...had,
      hasCompletedOnboarding: true,
      customApiKeyResponses: { approved: ['test'], rejected: [] },
      projects: { ...had.projects, [cwd]: { hasTrustDialogAccepted: true } },
    }),
  )
}

test('switchboard open during a phone turn says it waits, and opens on the conversation once the turn ended', {
  timeout: 180_000,
}, async () => {
  const h = bot()
  const user = USER
  const owner = String(user.id)
  h.send('the phone says banana', user)
  await waitForMessage(h, user, (m) => m.text === 'echo: the phone says banana')
  const [session] = await sessionsOf(h, user)
  if (session?.name !== 'desk') throw new Error('not the prepared session')
  h.send('HOLD', user)
  await h.waitFor(() => h.anthropic.turnRequests().some((r) => r.prompt === 'HOLD'), 30_000)
  // The bot marks the session busy on the phone while its turn runs.
  const turns = new PhoneTurnLeases({ dataDir: h.dataDir })
  expect(await turns.read(owner, session.id)).toMatchObject({ app: 'switchboard-bot' })

  const env = {
    ...desk(h.homeDir, h.anthropic.url),
    SWITCHBOARD_DATA_DIR: h.dataDir,
    SWITCHBOARD_CLAUDE_PATH: CLAUDE_PATH,
  }
  const node = `'${process.execPath}' --experimental-transform-types --disable-warning=ExperimentalWarning --conditions=source --import '${HOOKS}'`
  pty = new Pty(`${node} '${CLI_MAIN}' open '${session.name}' --owner ${owner}`, {
    cwd: h.scratchDir,
    env,
  })
  const line = `${session.name} is answering on the phone; waiting for that turn to end… (Ctrl-C to give up)`
  await pty.waitFor((t) => t.includes(line), 'the waiting line')
  // Waiting: the desk's lease is held (new phone messages queue), Claude Code's UI not started.
  expect(await new DeskLeases({ dataDir: h.dataDir }).read(owner, session.id)).toMatchObject({
    app: 'switchboard-cli',
  })
  expect(pty.text).not.toContain('❯')
  expect(await turns.read(owner, session.id)).not.toBeNull()
  // A phone message now waits for the desk (which waits for the running turn): nobody deadlocks.
  h.send('after the desk', user)
  await waitForMessage(h, user, (m) => m.text.includes('open at the desk'))

  releaseAnswer()
  await waitForMessage(h, user, (m) => m.text === 'the held answer')
  await pty.waitFor((t) => t.includes('❯'), 'prompt box', 60_000)
  expect(await turns.read(owner, session.id)).toBeNull()
  expect(pty.text.match(/answering on the phone/g)).toHaveLength(1)
  // The desk is on the phone's conversation, the held turn included.
  pty.type('REMEMBER?')
  await pty.waitFor((t) => t.includes('REMEMBER?'), 'typed prompt')
  pty.type('\r')
  await pty.waitFor((t) => /history:.*banana.*HOLD/s.test(t), 'answer with the history')
  pty.type('/exit')
  await pty.waitFor((t) => t.includes('/exit'), 'typed /exit')
  pty.type('\r')
  expect(await pty.exited).toBe(0)
  expect(await new DeskLeases({ dataDir: h.dataDir }).read(owner, session.id)).toBeNull()
  // The waiting message runs once the desk closed (after the held answer, not before).
  await waitForMessage(h, user, (m) => m.text === 'echo: after the desk')
  expect(h.anthropic.turnRequests().map((r) => r.prompt)).toEqual([
    'the phone says banana',
    'HOLD',
    'REMEMBER?',
    'after the desk',
  ])
  expect(h.telegram.errors()).toEqual([])
})
