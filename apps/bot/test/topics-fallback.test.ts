/**
 * When Telegram refuses topics (tdlib/telegram-bot-api#847: createForumTopic answers
 * BOT_FORUM_CREATE_FORBIDDEN and every send to a topic "message thread not found"), the bot falls
 * back to the flat chat: answers arrive outside the topics, labelled, the user is told once, and
 * nothing is lost. Each test starts its own bot: a fallback lasts for the run.
 */
import { afterEach, expect, test, vi } from 'vitest'
import type { ChatMessage } from './support/fakes.js'
import { type BotHarness, startBotHarness } from './support/harness.js'
import { storedSessions, waitForStored } from './topics-support.js'

vi.setConfig({ testTimeout: 90_000 })

let h: BotHarness | undefined
afterEach(async () => {
  await h?.stop()
  h = undefined
})

const general = { threadId: null, timeoutMs: 30_000 } as const
const isNotice = (m: ChatMessage) => /Telegram (refused|could not deliver)/.test(m.text)

test('createForumTopic refused: the flat chat for this run, said once, every answer delivered', async () => {
  h = await startBotHarness({
    telegram: { topics: { enabled: true, usersCanCreate: true, outage: true } },
  })
  const first = h.send('hello')
  await h.waitForReply(first, (m) => m.text === 'echo: hello', general)
  const notice = await h.waitForBotMessage(isNotice, general)
  expect(notice.text).toMatch(/^Telegram refused to create a topic/)
  const second = h.send('again')
  await h.waitForReply(second, (m) => m.text === 'echo: again', general)
  const creates = h.telegram.calls.filter((c) => c.method === 'createForumTopic')
  expect(creates).toHaveLength(1) // not tried again this run
  expect(h.chat().botMessages.filter(isNotice)).toHaveLength(1)
  expect((await storedSessions(h, h.user)).map((s) => s.topic)).toEqual([null])
  expect(h.telegram.errors()).toEqual([]) // the refusals are the fake's injected outage
})

test('every topic send failing: answers come to the general view labelled, said once, bindings kept', async () => {
  h = await startBotHarness({ telegram: { topics: { enabled: true, usersCanCreate: true } } })
  h.send('/start')
  await h.waitForBotMessage(() => true)
  const alpha = h.createTopic('alpha')
  const beta = h.createTopic('beta')
  for (const thread of [alpha, beta]) {
    await h.waitForBotMessage((m) => m.text.startsWith('Session'), { threadId: thread })
  }
  h.telegram.setTopicOutage(true)
  const a = h.sendIn(alpha, 'to alpha')
  const b = h.sendIn(beta, 'to beta')
  const answerA = await h.waitForReply(a, (m) => m.text.endsWith('echo: to alpha'), general)
  const answerB = await h.waitForReply(b, (m) => m.text.endsWith('echo: to beta'), general)
  expect(answerA.text).toBe('[alpha] echo: to alpha')
  expect(answerB.text).toBe('[beta] echo: to beta')
  const notice = await h.waitForBotMessage(isNotice, general)
  expect(notice.text).toMatch(/^Telegram could not deliver to topics/)
  // While the flat chat is in force, a message in a topic still runs in its session.
  const c = h.sendIn(alpha, 'still alpha')
  const answerC = await h.waitForReply(c, (m) => m.text.endsWith('echo: still alpha'), general)
  expect(answerC.text).toContain('alpha')
  expect(h.chat().botMessages.filter(isNotice)).toHaveLength(1)
  // The sessions keep their topics (in core too), for when Telegram delivers again.
  await waitForStored(h, h.user, (sessions) => sessions.every((s) => s.topic !== null))
  expect((await storedSessions(h, h.user)).map((s) => s.name).sort()).toEqual(['alpha', 'beta'])
  expect(h.telegram.errors()).toEqual([])
})

test('a topic the user deletes: its answer arrives in the general view, the session is unbound', async () => {
  h = await startBotHarness({ telegram: { topics: { enabled: true, usersCanCreate: true } } })
  h.send('/start')
  await h.waitForBotMessage(() => true)
  const thread = h.createTopic('doomed')
  await h.waitForBotMessage((m) => m.text.startsWith('Session doomed created'), {
    threadId: thread,
  })
  const words = 'one two three four five six seven eight nine ten'
  h.sendIn(thread, `SLOW:8000:${words}`)
  // Once Claude's answer is on its way in the topic (a send there went through), the user deletes it.
  await h.waitFor(() => {
    const view = h?.chat(undefined, thread)
    return view?.draft !== undefined || view?.botMessages.some((m) => m.text.includes('one'))
  }, 20_000)
  h.telegram.userDeletesTopic(h.user.id, thread)
  const answer = await h.waitForBotMessage((m) => m.text.endsWith(words), general)
  expect(answer.text).toBe(`[doomed] ${words}`)
  await waitForStored(h, h.user, ([doomed]) => doomed?.topic === null)
  expect(h.chat().botMessages.filter(isNotice)).toEqual([]) // not an outage
  // Telegram's refusals of the deleted topic are the only errors.
  const refusals = h.telegram.errors().map((e) => e.description)
  expect(refusals.length).toBeGreaterThan(0)
  for (const description of refusals) {
    expect(description).toMatch(
      /message thread not found|message to edit not found|message to delete not found/,
    )
  }
})
