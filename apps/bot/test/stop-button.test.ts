import type { ChatMessage } from '@switchboard/test-utils'
import { expect, test } from 'vitest'
import { useBotHarness } from './support/use-bot-harness.js'
import { user } from './support/users.js'

// The edited progress message (edit mode) carries "⏹ Stop"; the real CLI, the fake Messages API.
const bot = useBotHarness({
  allowedUsers: [user(0).id, user(1).id, user(2).id],
  env: { SWITCHBOARD_STREAM_MODE: 'edit' },
})

const STOP = '⏹ Stop'
const hasStop = (m: ChatMessage) =>
  JSON.stringify(m.replyMarkup?.inline_keyboard ?? []).includes(STOP)

test('Stop on the progress message stops the turn with one confirmation; the session answers next', async () => {
  const h = bot()
  const u = user(0)
  const words = Array.from({ length: 40 }, (_, i) => `w${i + 1}`).join(' ')
  h.send(`SLOW:30000:**Fixed** — \`sum()\` now adds. ${words}`, u)
  // The live view shows the partial answer as rendered Markdown, with the Stop button under it.
  const progress = await h.waitFor(
    () => h.chat(u.id).botMessages.find((m) => hasStop(m) && m.text.includes('Fixed')),
    30_000,
  )
  expect(progress.text).not.toContain('**')
  expect(progress.entities.some((e) => e.type === 'bold')).toBe(true)

  const callsBefore = h.telegram.calls.length
  h.press(progress.messageId, STOP, u)
  const stopped = await h.waitForBotMessage((m) => /⏹ Stopped\.$/.test(m.text), {
    chatId: u.id,
    timeoutMs: 30_000,
  })
  expect(stopped.text).not.toContain('w40')
  expect(stopped.text).not.toContain('ede_diagnostic')
  const answers = h.telegram.calls
    .slice(callsBefore)
    .filter((c) => c.method === 'answerCallbackQuery')
    .map((c) => c.params.text)
  expect(answers).toEqual(['Stopping…'])
  // The button went with the turn: no message of the chat still offers it.
  await h.waitFor(() => !h.chat(u.id).botMessages.some(hasStop) || undefined, 10_000)

  const next = h.send('after the stop', u)
  await h.waitForReply(next, (m) => m.text === 'echo: after the stop', {
    chatId: u.id,
    timeoutMs: 30_000,
  })
  // Exactly one confirmation: the turn's own final line, nothing from the button or the live view.
  expect(h.chat(u.id).botMessages.filter((m) => /Stopp/.test(m.text))).toHaveLength(1)
  expect(h.telegram.errors()).toEqual([])
})

test('a turn that ends by itself takes its Stop button away', async () => {
  const h = bot()
  const u = user(1)
  h.send('SLOW:4000:a slow but finished answer', u)
  const progress = await h.waitFor(() => h.chat(u.id).botMessages.find(hasStop), 30_000)
  const answer = await h.waitForBotMessage((m) => m.text === 'a slow but finished answer', {
    chatId: u.id,
    timeoutMs: 30_000,
  })
  await h.waitFor(() => !h.chat(u.id).botMessages.some(hasStop) || undefined, 10_000)
  expect(h.chat(u.id).botMessages.map((m) => m.messageId)).toContain(answer.messageId)
  // Its button was made for the turn and expired with it (the message itself is gone or edited).
  const still = h.chat(u.id).messages.find((m) => m.messageId === progress.messageId)
  expect(still === undefined || !hasStop(still)).toBe(true)
  expect(h.telegram.errors()).toEqual([])
})

test('after a turn with tools, the progress message stays (its log) without the button', async () => {
  const h = bot()
  const u = user(2)
  const ask = h.send('TOOL:Glob:*', u)
  await h.waitForReply(ask, (m) => m.text.startsWith('tool result:'), {
    chatId: u.id,
    timeoutMs: 30_000,
  })
  // The progress message went out with the button…
  const sent = h.telegram.calls.filter(
    (c) =>
      c.method === 'sendMessage' &&
      c.ok &&
      Number(c.params.chat_id) === u.id &&
      JSON.stringify(c.params.reply_markup ?? {}).includes(STOP),
  )
  expect(sent).toHaveLength(1)
  // …and is still there once the answer is out, edited into its summary, without it.
  const edited = () => h.chat(u.id).botMessages.filter((m) => m.edits > 0)
  await h.waitFor(() => (edited().length === 1 && !edited().some(hasStop)) || undefined, 10_000)
  expect(h.telegram.errors()).toEqual([])
})
