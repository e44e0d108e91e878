import { expect, test } from 'vitest'
import { allowedRange, freshUser, waitForMessage } from './conversation-support.js'
import { useBotHarness } from './support/use-bot-harness.js'

const bot = useBotHarness({
  allowedUsers: allowedRange(),
  env: { SWITCHBOARD_STREAM_MODE: 'draft' },
})

test('draft mode streams with sendMessageDraft, then sends the answer as a normal message', async () => {
  const h = bot()
  const user = freshUser()
  const words = 'alpha beta gamma delta epsilon zeta eta theta iota kappa'
  h.send(`SLOW:3000:${words}`, user)
  const answer = await waitForMessage(h, user, (m) => m.text === words)
  const drafts = h.telegram.calls.filter(
    (c) => c.method === 'sendMessageDraft' && c.ok && Number(c.params.chat_id) === user.id,
  )
  expect(drafts.length).toBeGreaterThan(0)
  expect(drafts.some((c) => String(c.params.text).includes('alpha'))).toBe(true)
  // No progress message was sent or edited: the draft was the live view.
  const edits = h.telegram.calls.filter(
    (c) => c.method === 'editMessageText' && Number(c.params.chat_id) === user.id,
  )
  expect(edits).toEqual([])
  expect(h.chat(user.id).botMessages.at(-1)?.messageId).toBe(answer.messageId)
  expect(h.telegram.errors()).toEqual([])
})
