import { expect, test } from 'vitest'
import { allowedRange, freshUser, waitForMessage } from './conversation-support.js'
import { copiesOf, finalsResponder, longAnswer, waitForJournal, warmUp } from './finals-support.js'
import type { FakeUser } from './support/fakes.js'
import type { BotHarness } from './support/harness.js'
import { useBotHarness } from './support/use-bot-harness.js'

const bot = useBotHarness({
  allowedUsers: allowedRange(),
  telegramProxy: true,
  responder: finalsResponder,
})

const LONG = longAnswer(30_000)

/** A 30,000-character answer: part 1 is confirmed and journaled, then Telegram goes away. */
async function partOneThenOutage(h: BotHarness, user: FakeUser): Promise<void> {
  h.send('LONG:30000', user)
  await waitForJournal(h, user, (records) =>
    records.some((r) => r.items[0]?.messageId !== undefined && r.items[1]?.messageId === undefined),
  )
  await h.proxy?.setMode('refuse')
}

async function expectCompletedOnce(
  h: BotHarness,
  user: FakeUser,
  how: string,
  restartedAt: number,
): Promise<void> {
  const doc = await h.waitForBotMessage((m) => m.document !== undefined, {
    chatId: user.id,
    timeoutMs: 60_000,
  })
  const sentAt =
    h.telegram.calls.find(
      (c) => c.ok && c.method === 'sendDocument' && Number(c.params.chat_id) === user.id,
    )?.at ?? 0
  // biome-ignore lint/suspicious/noConsole: a measured figure for the issue's closing note
  console.info(`[finals] ${how}: .md delivered ${sentAt - restartedAt} ms after the restart began`)
  expect(doc.document?.name).toBe('answer.md')
  expect(doc.document?.bytes.toString('utf8')).toBe(LONG)
  expect(copiesOf(h, user, 'Paragraph 0:')).toHaveLength(1)
  expect(h.chat(user.id).botMessages.filter((m) => m.document)).toHaveLength(1)
  await waitForJournal(h, user, (records) => records.length === 0) // confirmed, then forgotten
  expect(h.telegram.errors()).toEqual([])
}

test('SIGTERM after part 1 of a long answer: after the restart the .md arrives, nothing twice', async () => {
  const h = bot()
  const user = freshUser()
  await partOneThenOutage(h, user)
  const restartedAt = Date.now()
  await h.restart('SIGTERM', () => h.proxy?.setMode('pass'))
  await expectCompletedOnce(h, user, 'SIGTERM after part 1', restartedAt)
  // Nothing was waiting on a new message from the user.
  expect(h.chat(user.id).messages.filter((m) => !m.fromBot)).toHaveLength(1)
})

test('SIGKILL after part 1 of a long answer: after the restart the .md arrives, nothing twice', async () => {
  const h = bot()
  const user = freshUser()
  await partOneThenOutage(h, user)
  const restartedAt = Date.now()
  await h.restart('SIGKILL', () => h.proxy?.setMode('pass'))
  await expectCompletedOnce(h, user, 'SIGKILL after part 1', restartedAt)
})

test('SIGTERM right after part 1 with Telegram up: the delivery finishes or resumes, nothing twice', async () => {
  const h = bot()
  const user = freshUser()
  h.send('LONG:30000', user)
  await h.waitForBotMessage((m) => m.text.startsWith('Paragraph 0:'), {
    chatId: user.id,
    timeoutMs: 30_000,
  })
  const restartedAt = Date.now()
  await h.restart('SIGTERM')
  await expectCompletedOnce(h, user, 'SIGTERM with Telegram up', restartedAt)
})

test('a reply lost after Telegram accepted the answer: at most one duplicate, none more after a restart', async () => {
  const h = bot()
  const user = freshUser()
  await warmUp(h, user)
  h.proxy?.dropReplies('sendMessage')
  h.send('only once please', user)
  await waitForMessage(h, user, (m) => m.text === 'echo: only once please')
  await waitForJournal(h, user, (records) => records.length === 0)
  const before = copiesOf(h, user, 'echo: only once please').length
  expect(before).toBeGreaterThanOrEqual(1)
  expect(before).toBeLessThanOrEqual(2)
  await h.restart('SIGTERM')
  h.send('after the restart', user)
  await waitForMessage(h, user, (m) => m.text === 'echo: after the restart')
  expect(copiesOf(h, user, 'echo: only once please')).toHaveLength(before)
  // biome-ignore lint/suspicious/noConsole: a measured figure for the issue's closing note
  console.info(
    `[finals] reply lost after Telegram accepted: ${before} copies (1 duplicate allowed)`,
  )
  expect(h.telegram.errors()).toEqual([])
})

test('a reply lost, then a crash before the resend: at most twice, never a third time on later restarts', async () => {
  const h = bot()
  const user = freshUser()
  const proxy = h.proxy
  if (!proxy) throw new Error('the harness has no proxy')
  await warmUp(h, user)
  const seen = proxy.requests.length // the proxy's log spans the file's tests
  proxy.dropReplies('sendMessage')
  const dropped = () => proxy.requests.slice(seen).some((r) => r.outcome === 'reply-dropped')
  h.send('shown at most twice', user)
  await h.waitFor(dropped, 30_000)
  await proxy.setMode('refuse') // the resend can't happen before the crash
  expect(copiesOf(h, user, 'echo: shown at most twice')).toHaveLength(1) // Telegram ran it
  await h.restart('SIGKILL', () => proxy.setMode('pass'))
  await waitForMessage(h, user, (m) => m.text === 'echo: shown at most twice')
  await waitForJournal(h, user, (records) => records.length === 0)
  const copies = copiesOf(h, user, 'echo: shown at most twice').length
  expect(copies).toBeLessThanOrEqual(2)
  await h.restart('SIGTERM')
  await h.restart('SIGKILL')
  h.send('still there?', user)
  await waitForMessage(h, user, (m) => m.text === 'echo: still there?')
  expect(copiesOf(h, user, 'echo: shown at most twice')).toHaveLength(copies)
  // biome-ignore lint/suspicious/noConsole: a measured figure for the issue's closing note
  console.info(`[finals] reply lost, then kill -9 before the resend: ${copies} copies in all`)
  expect(h.telegram.errors()).toEqual([])
})
