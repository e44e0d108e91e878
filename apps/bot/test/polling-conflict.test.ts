import { beforeAll, expect, test, vi } from 'vitest'
import { NEWCOMER_WINDOW_MS } from '../src/telegram/poll-conflict.js'
import { ask } from './support/ask.js'
import type { BotHarness } from './support/harness.js'
import { useBotHarness } from './support/use-bot-harness.js'
import { ALLOWED_IDS, USERS } from './support/users.js'

// Two real bot processes on one token (different data dirs, so the lock doesn't stop the second).
const bot = useBotHarness({ allowedUsers: [1001, ...ALLOWED_IDS] })
vi.setConfig({ testTimeout: 90_000 })
// When the running bot first polled: the harness resolves once it holds a long poll. Taken after the
// harness's own beforeAll (hooks run in order), not at module load, which a slow start would precede
// by seconds and so make the running bot look like a newcomer itself.
let startedAt = Date.now()
beforeAll(() => {
  startedAt = Date.now()
})

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
const refusalLines = (output: string) =>
  output.split('\n').filter((line) => line.includes('another bot is already polling'))

/** The API errors other than the 409s the two pollers' getUpdates gave each other. */
const otherErrors = (h: BotHarness) =>
  h.telegram.errors().filter((c) => !(c.method === 'getUpdates' && c.errorCode === 409))

test('a second bot on the same token exits with a clear message; the running one keeps answering', async () => {
  const h = bot()
  // The running bot must have been polling longer than the newcomer window.
  await sleep(Math.max(0, startedAt + NEWCOMER_WINDOW_MS + 1_000 - Date.now()))
  const chatBefore = h.chat().messages.length
  const second = h.spawnExtra({ SWITCHBOARD_DATA_DIR: `${h.scratchDir}/second` })
  expect(await second.exited).toBe(2)
  const lines = refusalLines(second.output())
  // One log line and one plain line on stderr, nothing in any chat.
  expect(lines).toHaveLength(2)
  expect(
    lines.filter((l) => l.startsWith('switchboard: another bot is already polling')),
  ).toHaveLength(1)
  expect(h.chat().messages.length).toBe(chatBefore)
  expect(h.bot.hasExited()).toBe(false)
  expect((await ask(h, '/help')).text).toContain('Commands')
  expect(h.logs()).toContain('this bot was running first and keeps polling')
  expect(otherErrors(h)).toEqual([])
})

test('messages sent while a second bot starts are each handled once, by the running bot', async () => {
  const h = bot()
  const third = h.spawnExtra({ SWITCHBOARD_DATA_DIR: `${h.scratchDir}/third` })
  // One message every 700 ms while the newcomer starts, polls, gets its 409 and exits.
  const sent: { who: (typeof USERS)[number]; update: ReturnType<BotHarness['send']> }[] = []
  for (const who of USERS) {
    sent.push({ who, update: h.send('/help', who) })
    await sleep(700)
  }
  expect(await third.exited).toBe(2)
  for (const { who, update } of sent) {
    await h.waitForReply(update, (m) => m.text.includes('Commands'), { chatId: who.id })
  }
  await sleep(2_000)
  for (const { who } of sent) {
    const replies = h.chat(who.id).botMessages.filter((m) => m.text.includes('Commands'))
    expect(replies).toHaveLength(1)
  }
  // The newcomer handled none of them (each handled command is logged at debug).
  expect(third.output()).not.toMatch(/"msg":"command"/)
  expect(otherErrors(h)).toEqual([])
})

test('a webhook set while the bot polls stops it with its own message', async () => {
  const h = bot()
  const url = `${h.telegram.apiRoot}/bot${h.telegram.token}/setWebhook`
  const set = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ url: 'https://example.com/hook' }),
  })
  expect(set.ok).toBe(true)
  // The held poll ends with its timeout (25 s); the next one is refused.
  expect(await h.bot.exited).toBe(2)
  expect(h.logs()).toContain('switchboard: a webhook is set for this bot token')
})
