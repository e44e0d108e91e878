import { SessionManager } from '@switchboard/core'
import { expect, test } from 'vitest'
import { ask } from './support/ask.js'
import { useBotHarness } from './support/use-bot-harness.js'
import { ALLOWED_IDS, user } from './support/users.js'

// Commands against sessions with a live Claude Code process (the real CLI, fake Messages API).
const bot = useBotHarness({ allowedUsers: ALLOWED_IDS })

test('/status, /model and /suspend on a live session', async () => {
  const h = bot()
  const u = user(0)
  const hello = h.send('hello', u)
  await h.waitForReply(hello, (m) => m.text.includes('echo: hello'), {
    chatId: u.id,
    timeoutMs: 30_000,
  })
  // The pool records the turn's usage as the answer goes out: wait for it, not for a lucky order.
  const sessions = new SessionManager({ dataDir: h.dataDir })
  for (let n = 0; n < 50 && (await sessions.get(String(u.id), 'main')).usage.turns < 1; n++)
    await new Promise((resolve) => setTimeout(resolve, 100))
  const status = await ask(h, '/status', u)
  expect(status.text).toMatch(/^main \(active/)
  expect(status.text).toMatch(/Process: live, idle \(pid \d+\)/)
  expect(status.text).toMatch(/Usage: 1 turn · \d+/)

  expect((await ask(h, '/model sonnet', u)).text).toBe(
    'Session main uses model sonnet from now on.',
  )
  const model = h.send('MODEL?', u)
  await h.waitForReply(model, (m) => /^claude-sonnet/.test(m.text), {
    chatId: u.id,
    timeoutMs: 30_000,
  })
  const persona = await sessions.readPersona(String(u.id), 'main')
  expect(persona.settings.model).toBe('sonnet')

  expect((await ask(h, '/suspend', u)).text).toContain('Suspended main')
  expect((await ask(h, '/status', u)).text).toContain('Process: not running')
  // The model was saved, so the resumed process starts with it.
  const resumed = h.send('MODEL?', u)
  await h.waitForReply(resumed, (m) => /^claude-sonnet/.test(m.text), {
    chatId: u.id,
    timeoutMs: 30_000,
  })
  expect(h.telegram.errors()).toEqual([])
})

test('/stop interrupts a running answer; the session stays usable', async () => {
  const h = bot()
  const u = user(1)
  await ask(h, '/new stoppable', u)
  h.send('SLOW:20000:a very slow answer', u)
  await h.waitFor(
    () => h.anthropic.turnRequests().some((r) => r.prompt.startsWith('SLOW:20000')),
    30_000,
  )
  // One outcome: the turn's own "⏹ Stopped." line (the command adds nothing while no message
  // waits). The live view may appear just after /stop, so wait for the outcome, not the next message.
  const stop = h.send('/stop', u)
  await h.waitForReply(stop, (m) => /⏹ Stopped\.$/.test(m.text), { chatId: u.id })
  const again = h.send('still there?', u)
  await h.waitForReply(again, (m) => m.text.includes('echo: still there?'), {
    chatId: u.id,
    timeoutMs: 30_000,
  })
  expect((await ask(h, '/stop', u)).text).toBe('Nothing is running in stoppable.')
  // Shown once: no second "Stopped" from the command or the live view.
  expect(h.chat(u.id).botMessages.filter((m) => /Stopped\./.test(m.text))).toHaveLength(1)
  expect(h.telegram.errors()).toEqual([])
})
