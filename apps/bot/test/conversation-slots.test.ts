import { expect, test } from 'vitest'
import { allowedRange, chatHistory, freshUser, waitForMessage } from './conversation-support.js'
import { useBotHarness } from './support/use-bot-harness.js'

// One Claude Code process at a time: a second session's turn has to wait for the slot.
const bot = useBotHarness({ allowedUsers: allowedRange(), env: { SWITCHBOARD_MAX_LIVE: '1' } })

const WAITING = '⏳ Waiting for a free Claude Code slot (1 session busy)…'

test('a turn waiting for a free Claude Code slot says so, then runs once the slot is free', async () => {
  const h = bot()
  const user = freshUser()
  h.send('/new work', user)
  await waitForMessage(h, user, (m) => m.text.startsWith('Created session work'))
  h.send('SLOW:5000:from work', user)
  await h.waitFor(
    () => h.anthropic.requests.some((r) => r.prompt === 'SLOW:5000:from work'),
    20_000,
  )
  h.send('/new home', user)
  await waitForMessage(h, user, (m) => m.text.startsWith('Created session home'))
  h.send('hello home', user)
  await h.waitFor(() => chatHistory(h, user.id).some((t) => t.includes(WAITING)), 20_000)
  await waitForMessage(h, user, (m) => m.text === '[work]\nfrom work')
  await waitForMessage(h, user, (m) => m.text === 'echo: hello home')
  // The waiting view gave way: it is not left on screen once the answer is out.
  expect(h.chat(user.id).botMessages.filter((m) => m.text.includes('Waiting'))).toEqual([])
  expect(h.telegram.errors()).toEqual([])
})
