import { afterAll, beforeAll, expect, test } from 'vitest'
import type { ChatMessage, FakeUser } from './support/fakes.js'
import { type BotHarness, startBotHarness } from './support/harness.js'
import { ALLOWED_IDS, user } from './support/users.js'

// A model stream that hangs (connection open, no bytes) is cut by /stop within 2 s, with one
// confirmation and no CLI text shown as an answer; the session answers its next message.
let h: BotHarness
beforeAll(async () => {
  h = await startBotHarness({ allowedUsers: ALLOWED_IDS })
}, 60_000)
afterAll(() => h?.stop())

test('/stop cuts a hanging model stream within 2 s; one "Stopped."; the next message is answered', {
  timeout: 90_000,
}, async () => {
  const u = user(0)
  await reply(u, 'before the hang', (m) => m.text === 'echo: before the hang')
  h.send('HANG', u)
  await h.waitFor(() => h.anthropic.turnRequests().some((r) => r.prompt === 'HANG'), 30_000)
  const stopAt = Date.now()
  const stop = h.send('/stop', u)
  const stopped = await h.waitForReply(stop, (m) => m.text.includes('Stopped'), {
    chatId: u.id,
    timeoutMs: 15_000,
  })
  const stopMs = Date.now() - stopAt
  // biome-ignore lint/suspicious/noConsole: a measured figure for the issue's closing note
  console.info(`[measure] /stop on a hanging model stream → "${stopped.text}" after ${stopMs} ms`)
  expect(stopped.text).toBe('⏹ Stopped.')
  expect(stopMs).toBeLessThan(2_000)
  await reply(u, 'after the hang', (m) => m.text === 'echo: after the hang')
  // Exactly one confirmation, nothing the CLI said about the interrupt, no internals.
  const texts = h.chat(u.id).botMessages.map((m) => m.text)
  expect(texts.filter((t) => /stop/i.test(t))).toEqual(['⏹ Stopped.'])
  expect(texts.join('\n')).not.toMatch(/ede_diagnostic|interrupt|error_during_execution/i)
  expect(h.telegram.errors()).toEqual([])
})

test('/stop twice on a hanging stream still gives one confirmation', {
  timeout: 90_000,
}, async () => {
  const u = user(1)
  h.send('HANG', u)
  await h.waitFor(
    () => h.anthropic.turnRequests().filter((r) => r.prompt === 'HANG').length >= 2,
    30_000,
  )
  h.send('/stop', u)
  h.send('/stop', u)
  await h.waitForBotMessage((m) => m.text === '⏹ Stopped.', { chatId: u.id, timeoutMs: 15_000 })
  await reply(u, 'next one', (m) => m.text === 'echo: next one')
  const texts = h.chat(u.id).botMessages.map((m) => m.text)
  expect(texts.filter((t) => t.includes('Stopped'))).toEqual(['⏹ Stopped.'])
  // The second /stop found nothing running, or the same turn: never a second "Stopped.".
  expect(
    texts
      .filter((t) => /stop/i.test(t) && t !== '⏹ Stopped.')
      .every((t) => t.startsWith('Nothing is running')),
  ).toBe(true)
  expect(h.telegram.errors()).toEqual([])
})

test('Stop on the draft of a hanging stream: one "Stopped." within 2 s; the next message is answered', {
  timeout: 90_000,
}, async () => {
  const u = user(2)
  const hangs = h.anthropic.turnRequests().filter((r) => r.prompt === 'HANG').length
  h.send('HANG', u)
  // The model's stream hangs (not just the CLI starting behind the first draft).
  await h.waitFor(
    () => h.anthropic.turnRequests().filter((r) => r.prompt === 'HANG').length > hangs,
    30_000,
  )
  const draft = await h.waitFor(() => h.telegram.chat(u.id).draft, 30_000)
  expect(draft.canStop).toBe(true)
  const stopAt = Date.now()
  h.telegram.userStopsGeneration(u, { chatId: u.id, draftId: draft.draftId })
  await h.waitForBotMessage((m) => m.text === '⏹ Stopped.', { chatId: u.id, timeoutMs: 15_000 })
  const stopMs = Date.now() - stopAt
  // biome-ignore lint/suspicious/noConsole: a measured figure for the issue's closing note
  console.info(`[measure] draft Stop on a hanging model stream → "⏹ Stopped." after ${stopMs} ms`)
  expect(stopMs).toBeLessThan(2_000)
  await reply(u, 'after the draft stop', (m) => m.text === 'echo: after the draft stop')
  const texts = h.chat(u.id).botMessages.map((m) => m.text)
  expect(texts.filter((t) => /Stopped/i.test(t))).toEqual(['⏹ Stopped.'])
  expect(h.telegram.errors()).toEqual([])
})

function reply(u: FakeUser, text: string, match: (m: ChatMessage) => boolean) {
  return h.waitForReply(h.send(text, u), match, { chatId: u.id, timeoutMs: 30_000 })
}
