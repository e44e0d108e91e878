import { expect, test } from 'vitest'
import {
  allowedRange,
  chatHistory,
  freshUser,
  sessionsOf,
  waitForMessage,
} from './conversation-support.js'
import { useBotHarness } from './support/use-bot-harness.js'

const bot = useBotHarness({ allowedUsers: allowedRange() })

test('a CLI killed mid-turn: one clear message, and the next message works', async () => {
  const h = bot()
  const user = freshUser()
  h.send('SLOW:10000:this answer never finishes', user)
  await h.waitFor(() => chatHistory(h, user.id).some((t) => t.includes('this answer')), 20_000)
  const [session] = await sessionsOf(h, user)
  const pid = session?.pid
  expect(pid).toBeGreaterThan(0)
  process.kill(pid ?? 0, 'SIGKILL')
  const crash = await waitForMessage(h, user, (m) =>
    m.text.includes('Claude Code stopped unexpectedly'),
  )
  // The draft that showed the answer so far vanishes: the one message keeps it, then says why.
  expect(crash.text.startsWith('this answer')).toBe(true)
  expect(crash.text).toContain('killed by SIGKILL')
  expect(crash.text).toContain('Your session is intact; send your message again to resume.')
  h.send('after the crash', user)
  await waitForMessage(h, user, (m) => m.text === 'echo: after the crash')
  expect(h.telegram.errors()).toEqual([])
})

test('a restart between two messages: the conversation continues', async () => {
  const h = bot()
  const user = freshUser()
  h.send('the password is swordfish', user)
  await waitForMessage(h, user, (m) => m.text === 'echo: the password is swordfish')
  await h.restart('SIGTERM')
  h.send('REMEMBER?', user)
  const recalled = await waitForMessage(h, user, (m) => m.text.startsWith('history:'))
  expect(recalled.text).toContain('the password is swordfish')
  // Its answer was delivered before the restart: no "interrupted" notice.
  expect(
    h
      .chat(user.id)
      .botMessages.map((m) => m.text)
      .filter((t) => t.includes('interrupted')),
  ).toEqual([])
  expect(h.telegram.errors()).toEqual([])
})

test('a turn cut off by kill -9 of the bot is ended in the chat at start-up, before the next message', async () => {
  const h = bot()
  const user = freshUser()
  h.send('SLOW:20000:cut off by the restart', user)
  await h.waitFor(
    () => h.anthropic.requests.some((r) => r.prompt.startsWith('SLOW:20000:cut')),
    20_000,
  )
  await h.restart('SIGKILL')
  // Told at start-up, not on the next message; never "may be incomplete".
  const notice = await waitForMessage(h, user, (m) => m.text.startsWith('The bot restarted.'))
  expect(notice.text).toContain('Cut off: "SLOW:20000:cut off by the restart"')
  h.send('are you back?', user)
  const answer = await waitForMessage(h, user, (m) => m.text === 'echo: are you back?')
  expect(answer.messageId).toBeGreaterThan(notice.messageId)
  expect(chatHistory(h, user.id).filter((t) => t.includes('may be incomplete'))).toEqual([])
  expect(h.telegram.errors()).toEqual([])
})
