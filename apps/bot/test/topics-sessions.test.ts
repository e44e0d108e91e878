/**
 * Sessions as topics (Bot API 9.3/9.4), end to end against the strict fake with Threaded Mode on:
 * a topic the user creates becomes a session that answers inside it; two topics answer at once
 * without /switch; a session used from the general view gets its own topic.
 */
import { expect, test } from 'vitest'
import { allowedRange, freshUser, waitForMessage } from './conversation-support.js'
import { useBotHarness } from './support/use-bot-harness.js'
import { storedSessions, TOPICS_ON, togetherResponder, waitForStored } from './topics-support.js'

const bot = useBotHarness({
  allowedUsers: allowedRange(),
  telegram: TOPICS_ON,
  responder: togetherResponder(),
})

test('a topic the user creates becomes a session that answers inside it', async () => {
  const h = bot()
  const user = freshUser()
  h.send('/start', user) // the user's chat exists before they make a topic in it
  await waitForMessage(h, user, () => true)
  const thread = h.createTopic('Research Notes', user)
  const created = await h.waitForBotMessage((m) => m.text.startsWith('Session'), {
    chatId: user.id,
    threadId: thread,
  })
  expect(created.text).toBe(
    'Session research-notes created (persona default) — your messages here go to it. /persona <name> re-bases it. A session name can\'t be "Research Notes", so it is research-notes.',
  )
  const update = h.sendIn(thread, 'hello topic', user)
  const answer = await h.waitForReply(update, (m) => m.text === 'echo: hello topic', {
    chatId: user.id,
    threadId: thread,
  })
  expect(answer.threadId).toBe(thread)
  const [session] = await storedSessions(h, user)
  expect(session).toMatchObject({
    name: 'research-notes',
    persona: 'default',
    topic: { chatId: user.id, threadId: thread },
  })
  // Nothing of the session went to the general view, and no "Created session main".
  expect(
    h
      .chat(user.id)
      .botMessages.filter((m) => m.threadId === undefined && m.messageId > created.messageId),
  ).toEqual([])
  expect(h.telegram.errors()).toEqual([])
})

test('two sessions in two topics answer at once, with no /switch', async () => {
  const h = bot()
  const user = freshUser()
  h.send('/start', user)
  await waitForMessage(h, user, () => true)
  const alpha = h.createTopic('alpha', user)
  const beta = h.createTopic('beta', user)
  for (const thread of [alpha, beta]) {
    await h.waitForBotMessage((m) => m.text.startsWith('Session'), {
      chatId: user.id,
      threadId: thread,
    })
  }
  // Each answer waits for the other turn to reach the model: both must run side by side.
  h.sendIn(alpha, 'TOGETHER:ab:from alpha', user)
  h.sendIn(beta, 'TOGETHER:ab:from beta', user)
  const a = await h.waitForBotMessage((m) => m.text === 'together: from alpha', {
    chatId: user.id,
    threadId: alpha,
    timeoutMs: 60_000,
  })
  const b = await h.waitForBotMessage((m) => m.text === 'together: from beta', {
    chatId: user.id,
    threadId: beta,
    timeoutMs: 60_000,
  })
  expect([a.threadId, b.threadId]).toEqual([alpha, beta])
  // In a topic an answer carries no "[name]" label and no Switch button.
  expect(a.replyMarkup).toBeUndefined()
  const sessions = await storedSessions(h, user)
  expect(sessions.map((s) => [s.name, s.topic?.threadId]).sort()).toEqual([
    ['alpha', alpha],
    ['beta', beta],
  ])
  expect(h.telegram.errors()).toEqual([])
})

test('a session used from the general view gets its own topic; the answer stays there', async () => {
  const h = bot()
  const user = freshUser()
  const update = h.send('hello general', user)
  const answer = await h.waitForReply(update, (m) => m.text === 'echo: hello general', {
    chatId: user.id,
    threadId: null,
  })
  expect(answer.threadId).toBeUndefined()
  const notice = await h.waitForBotMessage((m) => m.text.includes('now has its own topic'), {
    chatId: user.id,
    threadId: null,
  })
  expect(notice.text).toBe(
    'Session main now has its own topic: your messages there go to it. This answer stays here.',
  )
  const [topic] = h.chat(user.id).topics
  expect(topic).toMatchObject({ name: 'main', createdByUser: false })
  const thread = topic?.threadId ?? 0
  await waitForStored(h, user, ([main]) => main?.topic?.threadId === thread)
  // A message in that topic runs in main and answers there.
  const inTopic = h.sendIn(thread, 'now in the topic', user)
  await h.waitForReply(inTopic, (m) => m.text === 'echo: now in the topic', {
    chatId: user.id,
    threadId: thread,
  })
  expect((await storedSessions(h, user)).map((s) => s.name)).toEqual(['main'])
  // Only one topic was made, and the notice came once.
  h.send('again', user)
  await waitForMessage(h, user, (m) => m.text === 'echo: again')
  expect(h.chat(user.id).topics).toHaveLength(1)
  expect(h.chat(user.id).botMessages.filter((m) => m.text.includes('own topic'))).toHaveLength(1)
  expect(h.telegram.errors()).toEqual([])
})
