import { execFile, spawn } from 'node:child_process'
import { mkdir, writeFile } from 'node:fs/promises'
import { hostname } from 'node:os'
import { dirname } from 'node:path'
import { promisify } from 'node:util'
import { DeskLeases, newestClaudeSessionId, SessionManager } from '@switchboard/core'
import { claudeEnv } from '@switchboard/test-utils'
import { expect, test } from 'vitest'
import { allowedRange, freshUser, sessionsOf, waitForMessage } from './conversation-support.js'
import type { FakeUser } from './support/fakes.js'
import type { BotHarness } from './support/harness.js'
import { CLAUDE_PATH } from './support/harness.js'
import { useBotHarness } from './support/use-bot-harness.js'

// A session open at the desk (`switchboard open` holds core's desk lease): a phone message is told
// and waits; once the desk closes it runs on the conversation the desk left off (real CLI both ways).
const run = promisify(execFile)
const bot = useBotHarness({ allowedUsers: allowedRange() })

/** The phone's first turn; resolves with the session (its id and working directory). */
async function phoneSession(h: BotHarness, user: FakeUser) {
  h.send('the phone says banana', user)
  await waitForMessage(h, user, (m) => m.text === 'echo: the phone says banana')
  const [session] = await sessionsOf(h, user)
  if (!session) throw new Error('no session')
  return session
}

/** A turn at the desk (`claude -p` on the session's conversation, the same store); → the newest id. */
async function runAtDesk(h: BotHarness, owner: string, id: string, text: string) {
  const sessions = new SessionManager({ dataDir: h.dataDir })
  const meta = await sessions.getById(owner, id)
  const env = claudeEnv({ apiUrl: h.anthropic.url, home: h.homeDir })
  const resume = meta.claudeSessionId ? [`--resume=${meta.claudeSessionId}`] : []
  const desk = run(CLAUDE_PATH, ['-p', ...resume, text], { cwd: meta.workingDirectory, env })
  desk.child.stdin?.end() // else the CLI waits for piped input first
  await desk
  return newestClaudeSessionId(env.CLAUDE_CONFIG_DIR ?? '', meta.workingDirectory)
}

test('a message to a session open at the desk is told and waits; it runs on the desk’s conversation after', {
  timeout: 120_000,
}, async () => {
  const h = bot()
  const user = freshUser()
  const owner = String(user.id)
  const session = await phoneSession(h, user)
  const leases = new DeskLeases({ dataDir: h.dataDir })
  const lease = await leases.acquire(owner, session.id, { app: 'switchboard-cli' })
  const newest = await runAtDesk(h, owner, session.id, 'the desk says kiwi')

  h.send('REMEMBER?', user)
  const told = await waitForMessage(h, user, (m) => m.text.includes('open at the desk')).catch(
    (e) => {
      throw new Error(`${e}\n${JSON.stringify(h.chat(user.id).botMessages.map((m) => m.text))}`)
    },
  )
  expect(told.text).toContain('your message waits and runs when it is closed there')
  // /compact drives the conversation too: refused while the desk has it.
  const compact = h.send('/compact', user)
  const refused = await h.waitForReply(compact, (m) => m.text.includes('/compact'), {
    chatId: user.id,
  })
  expect(refused.text).toMatch(/is open at the desk since \d\d:\d\d UTC: run \/compact there/)
  // Nothing reaches Claude while the desk has it.
  await new Promise((r) => setTimeout(r, 2_000))
  expect(h.anthropic.requests.filter((r) => r.prompt === 'REMEMBER?')).toEqual([])

  await lease.release()
  const recalled = await waitForMessage(h, user, (m) => m.text.startsWith('history:'))
  // The bot's process was restarted on the desk's conversation: the desk's turn is in its history.
  expect(recalled.text).toContain('the phone says banana')
  expect(recalled.text).toContain('the desk says kiwi')
  const meta = await new SessionManager({ dataDir: h.dataDir }).getById(owner, session.id)
  expect(newest).not.toBeNull()
  expect(meta.claudeSessionId).not.toBeNull()
  expect(h.telegram.errors()).toEqual([])
})

test('a session opened and closed at the desk between two phone messages continues from the desk', {
  timeout: 120_000,
}, async () => {
  const h = bot()
  const user = freshUser()
  const owner = String(user.id)
  const session = await phoneSession(h, user)
  const lease = await new DeskLeases({ dataDir: h.dataDir }).acquire(owner, session.id, {
    app: 'switchboard-cli',
  })
  await runAtDesk(h, owner, session.id, 'the desk says plum')
  await lease.release()

  h.send('REMEMBER?', user)
  const recalled = await waitForMessage(h, user, (m) => m.text.startsWith('history:'))
  expect(recalled.text).toContain('the desk says plum')
  expect(h.chat(user.id).botMessages.some((m) => m.text.includes('open at the desk'))).toBe(false)
  expect(h.telegram.errors()).toEqual([])
})

test('a desk terminal that died (its process gone, no release) lets the waiting message run', {
  timeout: 120_000,
}, async () => {
  const h = bot()
  const user = freshUser()
  const owner = String(user.id)
  const session = await phoneSession(h, user)
  const leases = new DeskLeases({ dataDir: h.dataDir })
  const desk = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' })
  const now = new Date().toISOString()
  const lease = { host: hostname(), app: 'switchboard-cli', token: 't', startedAt: now }
  await mkdir(dirname(leases.path(owner, session.id)), { recursive: true })
  await writeFile(
    leases.path(owner, session.id),
    JSON.stringify({ ...lease, pid: desk.pid, refreshedAt: now }),
  )
  h.send('REMEMBER?', user)
  await waitForMessage(h, user, (m) => m.text.includes('open at the desk'))
  const gone = new Promise((r) => desk.on('exit', r))
  desk.kill('SIGKILL') // the terminal died: nobody releases the lease
  await gone
  const recalled = await waitForMessage(h, user, (m) => m.text.startsWith('history:'))
  expect(recalled.text).toContain('the phone says banana')
  expect(h.telegram.errors()).toEqual([])
})
