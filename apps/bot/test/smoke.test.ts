import { expect, test } from 'vitest'
import { useBotHarness } from './support/use-bot-harness.js'

const bot = useBotHarness()
const stranger = { id: 666, first_name: 'Eve' }

test('/start gets a reply that explains the bot and lists the commands', async () => {
  const h = bot()
  const update = h.send('/start')
  const reply = await h.waitForReply(update)
  expect(reply.text).toContain('Claude Code')
  expect(reply.text).toContain('/new')
  expect(h.telegram.commands().map((c) => c.command)).toContain('sessions')
  expect(h.telegram.errors()).toEqual([])
})

test('an unauthorized user gets exactly one refusal with their id', async () => {
  const h = bot()
  h.send('hello', stranger)
  const refusal = await h.waitForBotMessage((m) => m.text.includes('666'), {
    chatId: stranger.id,
  })
  expect(refusal.text).toContain('private')
  h.send('hello again', stranger)
  // The allowed user's /help is handled after the stranger's second message: once it is answered,
  // the second message has been processed too.
  const marker = h.send('/help')
  await h.waitForReply(marker)
  expect(h.chat(stranger.id).botMessages).toHaveLength(1)
  expect(h.telegram.errors()).toEqual([])
})

test('SIGTERM stops the bot with exit code 0', async () => {
  const h = bot()
  expect(await h.kill('SIGTERM')).toBe(0)
  expect(h.logs()).toContain('stopped')
  expect(h.telegram.errors()).toEqual([])
})
