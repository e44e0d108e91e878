import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { type BotHarness, CLAUDE_PATH, startBotHarness } from './support/harness.js'
import { user } from './support/users.js'

// The start-up check, with the real CLI: a wrapper drops ANTHROPIC_API_KEY while a marker file
// exists, so Claude Code has neither a key nor a login (the temp HOME has none) on the next start.
const u = user(0)
let h: BotHarness
let dir: string
let marker: string
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cli-check-e2e-'))
  marker = join(dir, 'no-key')
  const wrapper = join(dir, 'claude')
  await writeFile(
    wrapper,
    `#!/bin/sh\nif [ -e '${marker}' ]; then unset ANTHROPIC_API_KEY; fi\nexec '${CLAUDE_PATH}' "$@"\n`,
  )
  await chmod(wrapper, 0o755)
  h = await startBotHarness({ allowedUsers: [u.id], env: { SWITCHBOARD_CLAUDE_PATH: wrapper } })
}, 60_000)
afterAll(async () => {
  await h?.stop()
  await rm(dir, { recursive: true, force: true })
})

test('no key and no login: logged in one line, told once to the owner before they write, shown in /status', {
  timeout: 120_000,
}, async () => {
  // A first message makes the user's session (and opens the chat the notice goes to).
  await h.waitForReply(h.send('hello', u), (m) => m.text === 'echo: hello', {
    chatId: u.id,
    timeoutMs: 30_000,
  })
  await checked()
  const status = await h.waitForReply(
    h.send('/status', u),
    (m) => m.text.includes('Claude Code:'),
    {
      chatId: u.id,
    },
  )
  expect(status.text).toMatch(/Claude Code: \d+\.\d+\.\d+, an API key \(ANTHROPIC_API_KEY\)/)
  expect(h.logs()).toMatch(
    /Claude Code \d+\.\d+\.\d+ \([^)]*\): ready, reaches Claude's API by an API key/,
  )

  await writeFile(marker, '')
  await h.restart()
  const notice = await h.waitForBotMessage((m) => m.text.startsWith('⚠️ Claude Code can'), {
    chatId: u.id,
    timeoutMs: 30_000,
  })
  expect(notice.text).toContain('has no API key and is not logged in')
  expect(notice.text).toContain('ANTHROPIC_API_KEY')
  expect(notice.text).toContain('/login')
  const line = h
    .logs()
    .split('\n')
    .find((l) => l.includes("can't answer: Claude Code has no API key"))
  expect(line).toBeDefined()
  const shown = await h.waitForReply(h.send('/status', u), (m) => m.text.includes('Claude Code:'), {
    chatId: u.id,
  })
  expect(shown.text).toContain('⚠️ Claude Code: Claude Code has no API key and is not logged in')
  // A message meanwhile: what to do on the bot's machine, not the CLI's "Please run /login".
  const refused = await h.waitForReply(
    h.send('hello again', u),
    (m) => m.text.includes('not logged in'),
    {
      chatId: u.id,
      timeoutMs: 30_000,
    },
  )
  expect(refused.text).toMatch(
    /^Claude Code on the bot's machine has no API key and is not logged in/,
  )
  expect(refused.text).not.toContain('Please run /login')

  await h.restart() // the same problem: not told again
  await checked()
  await h.waitForReply(h.send('/status', u), (m) => m.text.includes('⚠️ Claude Code:'), {
    chatId: u.id,
  })
  const notices = h.chat(u.id).botMessages.filter((m) => m.text.startsWith('⚠️ Claude Code can'))
  expect(notices).toHaveLength(1)

  await rm(marker)
  await h.restart()
  await checked()
  const fixed = await h.waitForReply(h.send('/status', u), (m) => m.text.includes('Claude Code:'), {
    chatId: u.id,
  })
  expect(fixed.text).toMatch(/Claude Code: \d+\.\d+\.\d+, an API key/)
  expect(h.telegram.errors()).toEqual([])
})

/** The running bot has logged its start-up check (so /status shows its result). */
function checked() {
  return h.waitFor(() => /"claude":\{"ok"/.test(h.logs()), 20_000)
}
