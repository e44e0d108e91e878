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

test('a long output: Full output and /log send it as a file', { timeout: 90_000 }, async () => {
  const h = bot()
  const user = freshUser()
  // A read-only command: Claude Code runs it without asking.
  h.send('TOOL:Bash:seq 1 3000', user)
  const log = await waitForMessage(h, user, (m) => m.text.startsWith('main · ✓ done — 1 tool'))
  expect(log.text).toMatch(/\n✓ seq 1 3000 — exit 0\n {3}│ 2998\n {3}│ 2999\n {3}│ 3000$/)
  h.press(log.messageId, '📄 Full output', user)
  const file = await waitForMessage(h, user, (m) => m.document?.name === 'output.txt')
  expect(file.text).toBe('Full output of 1 command')
  const lines = file.document?.bytes.toString('utf8').split('\n') ?? []
  expect(lines).toContain('    1')
  expect(lines).toContain('    3000')

  h.send('/log', user)
  const whole = await waitForMessage(h, user, (m) => m.document?.name === 'turn-log.txt')
  expect(whole.document?.bytes.toString('utf8')).toMatch(
    /^main · ✓ done — 1 tool, \d+ s · \d\d:\d\d UTC\n\n✓ seq 1 3000 — exit 0\n {4}1\n/,
  )
  // The log message itself came first, short.
  const message = h
    .chat(user.id)
    .botMessages.filter((m) => m.text.startsWith('main · ✓ done'))
    .at(-1)
  expect(message?.text).toMatch(/ · \d\d:\d\d UTC\n✓ seq 1 3000 — exit 0\n/)
  expect(h.telegram.errors()).toEqual([])
})
