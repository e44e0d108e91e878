import { execFile } from 'node:child_process'
import { mkdir, realpath, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { DeskLeases, newestClaudeSessionId, SessionManager } from '@switchboard/core'
import {
  claudeEnv,
  type FakeAnthropicApi,
  makeTempDir,
  startFakeAnthropicApi,
} from '@switchboard/test-utils'
import { afterEach, beforeEach, expect, test } from 'vitest'
import { Pty } from './support/pty.js'
import { BIN } from './support/run-bin.js'

// The done-when: a conversation started on the phone continues in `switchboard open`, in the real
// Claude Code's terminal UI (driven through a pseudo-terminal) against the fake Messages API.
const run = promisify(execFile)
const CLAUDE = fileURLToPath(new URL('../node_modules/.bin/claude', import.meta.url))
let tmp: Awaited<ReturnType<typeof makeTempDir>>
let api: FakeAnthropicApi
let pty: Pty | undefined

beforeEach(async () => {
  tmp = await makeTempDir('cli-open-real')
  api = await startFakeAnthropicApi()
})
afterEach(async () => {
  pty?.kill()
  await api.close()
  await tmp.cleanup()
})

test('a phone conversation continues in Claude Code’s terminal UI, and the phone continues from there', {
  timeout: 120_000,
}, async () => {
  const dataDir = join(tmp.path, 'data')
  await mkdir(join(tmp.path, 'tmp'))
  const env = {
    ...claudeEnv({ apiUrl: api.url, home: tmp.path, extra: { TERM: 'xterm-256color' } }),
    SWITCHBOARD_DATA_DIR: dataDir,
    SWITCHBOARD_CLAUDE_PATH: CLAUDE,
  }
  const configDir = join(tmp.path, '.claude') // claudeEnv's CLAUDE_CONFIG_DIR
  const sessions = new SessionManager({ dataDir, claudeConfigDir: configDir })
  const meta = await sessions.create({ owner: '42', name: 'demo' })
  const cwd = await realpath(meta.workingDirectory)

  // The phone's turn, as the bot's CLI records it: in the session's directory, same store.
  const phoneRun = run(CLAUDE, ['-p', '--output-format=json', 'phone says banana'], { cwd, env })
  phoneRun.child.stdin?.end() // else the CLI waits for piped input first
  const phone = await phoneRun
  const phoneId = JSON.parse(phone.stdout).session_id as string
  await sessions.updateById('42', meta.id, { claudeSessionId: phoneId })

  // A user who has used Claude Code here before: onboarding done, the folder trusted, the key approved.
  await writeFile(
    join(configDir, '.claude.json'),
    JSON.stringify({
      hasCompletedOnboarding: true,
      customApiKeyResponses: { approved: ['test'], rejected: [] },
      projects: { [cwd]: { hasTrustDialogAccepted: true } },
    }),
  )
  pty = new Pty(`'${process.execPath}' '${BIN}' open demo --owner 42`, { cwd: tmp.path, env })
  await pty.waitFor((t) => t.includes('❯'), 'prompt box')
  pty.type('REMEMBER?')
  await pty.waitFor((t) => t.includes('REMEMBER?'), 'typed prompt')
  pty.type('\r')
  await pty.waitFor((t) => /history:.*phone\s*says\s*banana/.test(t), 'answer with the history')
  // The desk's request carried the phone's conversation.
  const deskTurn = api.turnRequests().at(-1)
  expect(deskTurn?.prompt).toBe('REMEMBER?')
  pty.type('/exit')
  await pty.waitFor((t) => t.includes('/exit'), 'typed /exit')
  pty.type('\r')
  expect(await pty.exited).toBe(0)

  // The session now points at where the desk left off: the phone's next turn resumes that.
  const newest = await newestClaudeSessionId(configDir, cwd)
  expect(newest).not.toBeNull()
  expect((await sessions.getById('42', meta.id)).claudeSessionId).toBe(newest)
})

test('Ctrl-C twice leaves Claude Code’s UI (a key to it, in raw mode); switchboard then releases the lease', {
  timeout: 120_000,
}, async () => {
  const dataDir = join(tmp.path, 'data')
  await mkdir(join(tmp.path, 'tmp'))
  const env = {
    ...claudeEnv({ apiUrl: api.url, home: tmp.path, extra: { TERM: 'xterm-256color' } }),
    SWITCHBOARD_DATA_DIR: dataDir,
    SWITCHBOARD_CLAUDE_PATH: CLAUDE,
  }
  const configDir = join(tmp.path, '.claude')
  const meta = await new SessionManager({ dataDir, claudeConfigDir: configDir }).create({
    owner: '42',
    name: 'demo',
  })
  const cwd = await realpath(meta.workingDirectory)
  await mkdir(configDir, { recursive: true })
  await writeFile(
    join(configDir, '.claude.json'),
    JSON.stringify({
      hasCompletedOnboarding: true,
      customApiKeyResponses: { approved: ['test'], rejected: [] },
      projects: { [cwd]: { hasTrustDialogAccepted: true } },
    }),
  )
  const leases = new DeskLeases({ dataDir })
  pty = new Pty(`'${process.execPath}' '${BIN}' open demo --owner 42`, { cwd: tmp.path, env })
  await pty.waitFor((t) => t.includes('❯'), 'prompt box')
  expect(await leases.read('42', meta.id)).toMatchObject({ app: 'switchboard-cli' })
  pty.type('\x03')
  await pty.waitFor((t) => /again to exit/i.test(t), 'the second Ctrl-C hint')
  pty.type('\x03')
  await pty.exited
  // Released by switchboard itself (a killed one would leave a stale lease, not a release).
  expect(await leases.lastReleased('42', meta.id)).not.toBeNull()
})
