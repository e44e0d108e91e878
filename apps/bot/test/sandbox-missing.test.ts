import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { expect, test } from 'vitest'
import { SANDBOX_MISSING_NOTICE } from '../src/sandbox/sandbox-state.js'
import { pathWithout } from './support/path-without.js'
import { useBotHarness } from './support/use-bot-harness.js'

// The bot on a machine without bubblewrap and socat (its PATH lacks them): SWITCHBOARD_SANDBOX=auto
// (the default) starts with a warning in the log, tells each user once and says so in /status;
// SWITCHBOARD_SANDBOX=required refuses to start.
const env: Record<string, string> = { SWITCHBOARD_SANDBOX: 'auto' }
const bot = useBotHarness({
  env,
  prepare: async ({ scratchDir }) => {
    const bin = join(scratchDir, 'bin-without-bwrap')
    await mkdir(bin)
    env.PATH = await pathWithout(['bwrap', 'socat'], bin)
  },
})

test('auto: a warning at start-up, one notice per user, and a line in /status', async () => {
  const h = bot()
  expect(h.logs()).toContain(SANDBOX_MISSING_NOTICE)
  const first = h.send('/new plain')
  const notice = await h.waitForReply(first)
  expect(notice.text).toBe(`⚠️ ${SANDBOX_MISSING_NOTICE}.`) // before the command's own reply
  await h.waitForReply(first, (m) => m.text.includes('Created session plain'))
  const status = await h.waitForReply(h.send('/status'), (m) => m.text.includes('Sandbox:'))
  expect(status.text).toContain(`Sandbox: not available. ${SANDBOX_MISSING_NOTICE}.`)
  // Claude still answers, unsandboxed; and the notice was sent once.
  const update = h.send('hello unsandboxed')
  await h.waitForReply(update, (m) => m.text.includes('echo: hello unsandboxed'), {
    timeoutMs: 30_000,
  })
  const notices = h.chat().botMessages.filter((m) => m.text.includes(SANDBOX_MISSING_NOTICE))
  expect(notices).toHaveLength(2) // the notice and the /status line
  expect(h.telegram.errors()).toEqual([])
})

test('required: refuses to start with one line saying what to install', async () => {
  const h = bot()
  const child = h.spawnExtra({
    SWITCHBOARD_SANDBOX: 'required',
    SWITCHBOARD_DATA_DIR: `${h.scratchDir}/other`,
  })
  expect(await child.exited).toBe(1)
  // Log lines are JSON; the refusal is the one plain line.
  const lines = child
    .output()
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('{'))
  expect(lines).toEqual([
    expect.stringMatching(
      /^switchboard: SWITCHBOARD_SANDBOX=required, but Claude Code's sandbox does not work here \(bwrap_missing: .*\): install bubblewrap and socat$/,
    ),
  ])
})
