import { expect, test } from 'vitest'
import {
  allowedRange,
  chatHistory,
  freshUser,
  sessionsOf,
  waitForMessage,
} from './conversation-support.js'
import type { FakeUser } from './support/fakes.js'
import type { BotHarness } from './support/harness.js'
import { useBotHarness } from './support/use-bot-harness.js'

const MAX_QUEUE = 5
const bot = useBotHarness({
  allowedUsers: allowedRange(),
  env: { SWITCHBOARD_MAX_QUEUE: String(MAX_QUEUE) },
})

/** Successful sendMessage calls to the user's chat whose text starts with `prefix`. */
function sends(h: BotHarness, user: FakeUser, prefix: string): string[] {
  return h.telegram.calls
    .filter(
      (c) =>
        c.ok &&
        c.method === 'sendMessage' &&
        Number(c.params.chat_id) === user.id &&
        String(c.params.text).startsWith(prefix),
    )
    .map((c) => String(c.params.text))
}

/** Sends a long-running message and waits until the model got it. */
async function startLongTurn(h: BotHarness, user: FakeUser, prompt: string): Promise<void> {
  h.send(prompt, user)
  await h.waitFor(() => h.anthropic.requests.some((r) => r.prompt === prompt), 20_000)
}

test('a flood of 60 messages during a turn: the limit holds, two notices, /status answered at once', async () => {
  const h = bot()
  const user = freshUser()
  await startLongTurn(h, user, 'SLOW:5000:the long answer')
  for (let i = 0; i < 60; i++) h.send(`flood ${i}`, user)
  const asked = Date.now()
  const status = h.send('/status', user)
  await h.waitForReply(status, (m) => m.text.includes('Persona:'), { chatId: user.id })
  const statusMs = Date.now() - asked

  await waitForMessage(h, user, (m) => m.text === `echo: flood ${MAX_QUEUE - 1}`, 60_000)
  // The accepted ones all ran, in order; nothing past the limit reached Claude.
  const prompts = h.anthropic.requests.map((r) => r.prompt).filter((p) => p.startsWith('flood'))
  expect(prompts).toEqual(Array.from({ length: MAX_QUEUE }, (_, i) => `flood ${i}`))
  const answers = chatHistory(h, user.id).filter((t) => t.startsWith('echo: flood'))
  expect(answers).toEqual(prompts.map((p) => `echo: ${p}`))
  // One "Queued" message and one refusal for the whole burst (edited in place, not repeated).
  expect(sends(h, user, 'Queued')).toEqual([
    'Queued: 1 message waiting — it runs after the current answer.',
  ])
  expect(sends(h, user, 'Not queued')).toHaveLength(1)
  const refusal = h.chat(user.id).botMessages.find((m) => m.text.startsWith('Not queued'))
  expect(refusal?.text).toBe(
    `Not queued: ${60 - MAX_QUEUE} messages were refused — session main already has ${MAX_QUEUE} messages waiting (the limit). Send them again once an answer is out.`,
  )
  expect(statusMs).toBeLessThan(5_000)
  expect(h.telegram.errors()).toEqual([])
})

test('a restart with many messages in flight: one notice lists them, and the queued ones run late, in order', async () => {
  const h = bot()
  const user = freshUser()
  await startLongTurn(h, user, 'SLOW:20000:cut off')
  for (let i = 0; i < 8; i++) h.send(`queued ${i}`, user) // 5 wait, 3 are refused
  await waitForMessage(h, user, (m) => m.text.startsWith('Not queued'))
  await h.restart('SIGKILL')
  const [session] = await sessionsOf(h, user)
  expect(session).toBeDefined()
  await waitForMessage(h, user, (m) => m.text === 'echo: queued 4', 60_000)
  const notices = h
    .chat(user.id)
    .botMessages.filter((m) => m.text.startsWith('The bot restarted.'))
    .map((m) => m.text)
  // "on its message" once the live message was shown before the crash, else the button is below.
  expect(notices).toHaveLength(1)
  expect(notices[0]).toMatch(
    /^The bot restarted\.\n• Cut off: "SLOW:20000:cut off" — Run again is (on its message|below)\.\n• 5 messages had not started yet: they run now, late, in order: "queued 0", "queued 1", "queued 2", "queued 3", "queued 4"\.$/,
  )
  // Each accepted message ran once, in order; the refused ones never did.
  const prompts = h.anthropic
    .turnRequests()
    .map((r) => r.prompt)
    .filter((p) => p.startsWith('queued'))
  expect(prompts).toEqual(Array.from({ length: MAX_QUEUE }, (_, i) => `queued ${i}`))
  expect(h.telegram.errors()).toEqual([])
})
