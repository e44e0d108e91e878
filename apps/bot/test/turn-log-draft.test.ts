import { expect, test } from 'vitest'
import { allowedRange, freshUser, waitForMessage } from './conversation-support.js'
import { inlineButtons } from './support/harness.js'
import { useBotHarness } from './support/use-bot-harness.js'

// Draft mode (the default): the live view is a draft, which vanishes when the answer arrives, so the
// turn's log goes out as a quiet message of its own, before the answer.
const bot = useBotHarness({ allowedUsers: allowedRange() })

test('the log is a quiet message before the final answer, with its Full output button', {
  timeout: 90_000,
}, async () => {
  const h = bot()
  const user = freshUser()
  h.send('TOOL:Bash:printf "step 1\\nstep 2\\n"; echo "it broke" >&2; exit 3', user)
  const prompt = await waitForMessage(h, user, (m) => m.text.includes('asks for permission'))
  h.press(prompt.messageId, '✅ Allow', user)
  const answer = await waitForMessage(h, user, (m) => m.text.startsWith('tool result:'), 60_000)
  const log = await waitForMessage(h, user, (m) => m.text.startsWith('main · ✓ done — 1 tool'))
  expect(log.text).toMatch(
    /^main · ✓ done — 1 tool, \d+ s\n✗ printf "step 1\\nstep 2\\n"; echo "it broke" >&2; exit 3 — exit 3\n {3}│ step 1\n {3}│ step 2\n {3}│ it broke$/,
  )
  expect(log.messageId).toBeLessThan(answer.messageId)
  const sent = h.telegram.calls.find(
    (c) =>
      c.method === 'sendMessage' &&
      c.ok &&
      String(c.params.text).startsWith('<b>main</b> · ✓ done'),
  )
  expect(sent?.params.disable_notification).toBe(true)
  expect(inlineButtons(log.replyMarkup).map((b) => b.text)).toEqual(['📄 Full output'])
  expect(h.telegram.errors()).toEqual([])
})
