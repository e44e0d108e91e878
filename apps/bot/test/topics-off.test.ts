/** Without Threaded Mode (the fake's default), nothing about topics: today's flat chat. */
import { expect, test } from 'vitest'
import { allowedRange, freshUser, waitForMessage } from './conversation-support.js'
import { useBotHarness } from './support/use-bot-harness.js'
import { storedSessions } from './topics-support.js'

const bot = useBotHarness({ allowedUsers: allowedRange() })

const TOPIC_METHODS = ['createForumTopic', 'editForumTopic', 'closeForumTopic', 'reopenForumTopic']

test('topics off: messages go to the active session as today, with no topic call at all', async () => {
  const h = bot()
  const user = freshUser()
  h.send('hello flat', user)
  const created = await waitForMessage(h, user, (m) => m.text.startsWith('Created session main'))
  await waitForMessage(h, user, (m) => m.text === 'echo: hello flat')
  h.send('/new second', user)
  await waitForMessage(h, user, (m) => m.text.startsWith('Created session second'))
  h.send('to second', user)
  await waitForMessage(h, user, (m) => m.text === 'echo: to second')
  expect(created.text).toContain('(persona default)')
  const calls = h.telegram.calls
  expect(calls.filter((c) => TOPIC_METHODS.includes(c.method))).toEqual([])
  expect(calls.filter((c) => c.params.message_thread_id !== undefined)).toEqual([])
  expect(h.chat(user.id).topics).toEqual([])
  expect((await storedSessions(h, user)).map((s) => s.topic)).toEqual([null, null])
  expect(h.telegram.errors()).toEqual([])
})
