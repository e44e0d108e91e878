import { existsSync, readFileSync } from 'node:fs'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { say, scenarioResponder, toolCall } from '@switchboard/test-utils'
import { expect, test } from 'vitest'
import {
  allowedRange,
  chatHistory,
  freshUser,
  sessionsOf,
  waitForMessage,
} from './conversation-support.js'
import { messageIn } from './support/ask.js'
import type { ChatMessage, FakeUser } from './support/fakes.js'
import type { BotHarness } from './support/harness.js'
import { inlineButtons } from './support/harness.js'
import { useBotHarness } from './support/use-bot-harness.js'

// A real coding turn (the real CLI, scripted by the fake Messages API): read, edit, a test run that
// fails. Each tool's outcome shows while the turn runs and stays as the turn's log afterwards; the
// failing run's exit status and last lines are in it, its full output behind a button and /log; an
// edit a remembered "Always" rule allows still shows in the log, with its diff.
const bot = useBotHarness({
  allowedUsers: allowedRange(),
  env: { SWITCHBOARD_STREAM_MODE: 'edit' },
})

const TEST_SCRIPT = [
  'echo "ok 1 - sum(1, 1) = 2"',
  'echo "not ok 2 - sum(2, 3) = 6"',
  'echo "# expected 5" >&2',
  'echo "1 failing"',
  'exit 1',
].join('\n')

const isPrompt = (m: ChatMessage) => m.text.includes('asks for permission')

/** Presses a button on each permission prompt of `user`'s chat as it appears (Always for edits). */
function approvePrompts(h: BotHarness, user: FakeUser): () => void {
  const pressed = new Set<number>()
  const timer = setInterval(() => {
    for (const m of h.chat(user.id).botMessages) {
      const labels = inlineButtons(m.replyMarkup).map((b) => b.text)
      if (!isPrompt(m) || pressed.has(m.messageId) || labels.length === 0) continue
      pressed.add(m.messageId)
      h.press(m.messageId, m.text.includes('Edit') ? /Always/ : '✅ Allow', user)
    }
  }, 100)
  return () => clearInterval(timer)
}

/** The bot message that is the log of a finished turn, newest first. */
function logMessages(h: BotHarness, user: FakeUser): ChatMessage[] {
  return h
    .chat(user.id)
    .botMessages.filter((m) => /^main · (✓ done|✗ failed) — \d+ tools?, \d+ s/.test(m.text))
    .reverse()
}

test('each tool’s outcome, the permanent log, Full output, /log and a rule-allowed edit’s diff', {
  timeout: 120_000,
}, async () => {
  const h = bot()
  const user = freshUser()
  h.send('hello', user)
  await waitForMessage(h, user, (m) => m.text === 'echo: hello')
  const [session] = await sessionsOf(h, user)
  const dir = session?.workingDirectory ?? ''
  const file = join(dir, 'sum.js')
  await writeFile(file, 'const sum = (a, b) => a - b\nmodule.exports = sum\n')
  await writeFile(join(dir, 'test.sh'), `${TEST_SCRIPT}\n`)
  h.anthropic.setResponder(
    scenarioResponder({
      'fix sum': [
        toolCall('Read', { file_path: file }),
        toolCall('Edit', { file_path: file, old_string: 'a - b', new_string: 'a + b' }),
        toolCall('Bash', { command: 'sh test.sh', description: 'run the tests' }),
        say('Fixed `sum`; one test still fails.'),
      ],
      'swap them': [
        toolCall('Edit', { file_path: file, old_string: 'a + b', new_string: 'b + a' }),
        say('Swapped.'),
      ],
    }),
  )
  const stop = approvePrompts(h, user)
  try {
    h.send('fix sum please', user)
    await waitForMessage(h, user, (m) => m.text.startsWith('Fixed sum'), 60_000)
    const [log] = logMessages(h, user)
    expect(log?.text).toMatch(
      /^main · ✓ done — 3 tools, \d+ s\n✓ Read sum\.js\n✓ Edit sum\.js \(\+1 −1\)\n✗ sh test\.sh — exit 1\n {3}│ not ok 2 - sum\(2, 3\) = 6\n {3}│ # expected 5\n {3}│ 1 failing$/,
    )
    // While the turn ran, the live view showed each finished tool's line.
    const history = chatHistory(h, user.id)
    const final = history.findIndex((t) => t.startsWith('Fixed'))
    expect(history.slice(0, final).some((t) => t.includes('✓ Edit sum.js (+1 −1)'))).toBe(true)

    // The whole output is one press away (and kept on disk for /log).
    expect(inlineButtons(log?.replyMarkup).map((b) => b.text)).toEqual(['📄 Full output'])
    h.press(log?.messageId ?? 0, '📄 Full output', user)
    const full = await waitForMessage(h, user, (m) =>
      m.text.startsWith('✗ sh test.sh — exit 1\nok 1'),
    )
    expect(full.text).toBe(
      '✗ sh test.sh — exit 1\nok 1 - sum(1, 1) = 2\nnot ok 2 - sum(2, 3) = 6\n# expected 5\n1 failing',
    )
    expect(full.entities.map((e) => e.type)).toEqual(['pre'])
    // Sent once: the button is gone, /log keeps it.
    await h.waitFor(
      () => inlineButtons(messageIn(h, user.id, log?.messageId ?? 0)?.replyMarkup).length === 0,
    )

    const update = h.send('/log', user)
    const logged = await h.waitForReply(update, () => true, { chatId: user.id })
    expect(logged.text).toMatch(/^main · ✓ done — 3 tools, \d+ s · \d\d:\d\d UTC\n✓ Read sum\.js\n/)
    expect(logged.text).toContain('\n\n✗ sh test.sh — exit 1\nok 1 - sum(1, 1) = 2\n')

    // "Always" was pressed for the first edit of sum.js: the next one runs unasked, yet shows.
    const prompts = h.chat(user.id).botMessages.filter(isPrompt).length
    h.send('swap them', user)
    await waitForMessage(h, user, (m) => m.text === 'Swapped.', 60_000)
    expect(h.chat(user.id).botMessages.filter(isPrompt).length).toBe(prompts)
    // …and the audit log records it as the rule's decision.
    const audit = join(h.dataDir, 'sessions', String(user.id), session?.id ?? '', 'audit.log')
    const byRule = await h.waitFor(() => {
      const lines = existsSync(audit) ? readFileSync(audit, 'utf8').trim().split('\n') : []
      const parsed: { decidedBy: string }[] = lines.filter(Boolean).map((l) => JSON.parse(l))
      const found = parsed.filter((e) => e.decidedBy === 'rule')
      return found.length > 0 && found
    })
    expect(byRule).toMatchObject([{ tool: 'Edit', answer: 'allow', userId: null }])
    expect(JSON.stringify(byRule)).toContain('b + a')
    const [ruled] = logMessages(h, user)
    expect(ruled?.text).toMatch(
      /^main · ✓ done — 1 tool, \d+ s\n✓ Edit sum\.js \(\+1 −1\) · allowed by your rule\n {3}- const sum = \(a, b\) => a \+ b\n {3}\+ const sum = \(a, b\) => b \+ a\n {5}module\.exports = sum$/,
    )
  } finally {
    stop()
  }
  expect(h.telegram.errors()).toEqual([])
})

test('a failing turn: the log says failed, the error itself shows once, in the final message', {
  timeout: 90_000,
}, async () => {
  const h = bot()
  const user = freshUser()
  h.send('hello', user)
  await waitForMessage(h, user, (m) => m.text === 'echo: hello')
  const [session] = await sessionsOf(h, user)
  const file = join(session?.workingDirectory ?? '', 'notes.txt')
  await writeFile(file, 'notes\n')
  h.anthropic.setResponder(
    scenarioResponder({
      'break it': [
        toolCall('Read', { file_path: file }),
        { kind: 'error', status: 400, message: 'BOOM-MARKER: the request was bad' },
      ],
    }),
  )
  const since = h.telegram.calls.length
  h.send('break it', user)
  const final = await waitForMessage(h, user, (m) => m.text.includes('BOOM-MARKER'), 60_000)
  await h.waitFor(() => logMessages(h, user)[0])
  expect(logMessages(h, user)[0]?.text).toMatch(
    /^main · ✗ failed — 1 tool, \d+ s\n✓ Read notes\.txt$/,
  )
  // Every text the chat ever showed after the prompt: the error is in the final message only.
  const shown = h.telegram.calls
    .slice(since)
    .filter((c) => c.ok && Number(c.params.chat_id) === user.id && 'text' in c.params)
    .map((c) => String(c.params.text))
  expect(shown.filter((t) => t.includes('BOOM-MARKER'))).toEqual([final.text])
  expect(h.telegram.errors()).toEqual([])
})
