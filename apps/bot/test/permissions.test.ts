import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { defaultResponder, type FakeReply, type RecordedRequest } from '@switchboard/test-utils'
import { expect, test } from 'vitest'
import {
  allowedRange,
  findFiles,
  freshUser,
  sessionsOf,
  waitForMessage,
} from './conversation-support.js'
import type { ChatMessage } from './support/fakes.js'
import { inlineButtons } from './support/harness.js'
import { useBotHarness } from './support/use-bot-harness.js'

const QUESTION = {
  question: 'Which library should we use for dates?',
  header: 'Library',
  options: [
    { label: 'date-fns', description: 'Small and functional' },
    { label: 'Luxon', description: 'Time zones built in' },
  ],
  multiSelect: false,
}

const bot = useBotHarness({
  allowedUsers: allowedRange(),
  responder: (req: RecordedRequest): FakeReply =>
    req.prompt === 'ASK-ME' && !req.hasToolResult
      ? { kind: 'tool_use', name: 'AskUserQuestion', input: { questions: [QUESTION] } }
      : (defaultResponder(req) as FakeReply),
})

/** The question message (the live progress shows the tool's input too, but has no buttons). */
function isQuestion(m: ChatMessage): boolean {
  return m.text.includes(QUESTION.question) && inlineButtons(m.replyMarkup).length > 0
}

async function auditLines(h: ReturnType<typeof bot>, userId: number) {
  const files = await findFiles(h.dataDir, 'audit.log')
  const lines = (await Promise.all(files.map((f) => readFile(f, 'utf8'))))
    .join('')
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l))
  return lines.filter((l) => l.userId === userId || l.userId === null)
}

test('Allow: the prompt shows the command, the press runs it, the decision is shown and audited', async () => {
  const h = bot()
  const user = freshUser()
  h.send('TOOL:Bash:touch allowed.txt', user)
  const prompt = await waitForMessage(h, user, (m) => m.text.includes('asks for permission'))
  expect(prompt.text).toContain('touch allowed.txt')
  expect(inlineButtons(prompt.replyMarkup).map((b) => b.text)).toEqual([
    '✅ Allow',
    '🚫 Deny',
    '✅ Always allow in this session',
  ])
  h.press(prompt.messageId, '✅ Allow', user)
  await waitForMessage(h, user, (m) => m.text.startsWith('tool result:'))
  const [session] = await sessionsOf(h, user)
  expect(existsSync(join(session?.workingDirectory ?? '', 'allowed.txt'))).toBe(true)
  const edited = h.chat(user.id).messages.find((m) => m.messageId === prompt.messageId)
  expect(edited?.text).toContain('Allowed')
  expect(inlineButtons(edited?.replyMarkup)).toEqual([])
  expect(await auditLines(h, user.id)).toContainEqual(
    expect.objectContaining({ userId: user.id, tool: 'Bash', answer: 'allow', decidedBy: 'user' }),
  )
  expect(h.telegram.errors()).toEqual([])
})

test('Deny: the command does not run; a repeated press is "expired"', async () => {
  const h = bot()
  const user = freshUser()
  h.send('TOOL:Bash:touch denied.txt', user)
  const prompt = await waitForMessage(h, user, (m) => m.text.includes('asks for permission'))
  h.press(prompt.messageId, '🚫 Deny', user)
  h.press(prompt.messageId, '✅ Allow', user) // a double tap before the buttons are removed
  const answer = await waitForMessage(h, user, (m) => m.text.startsWith('tool result:'))
  expect(answer.text).toContain('The user denied this.')
  const [session] = await sessionsOf(h, user)
  expect(existsSync(join(session?.workingDirectory ?? '', 'denied.txt'))).toBe(false)
  await h.waitFor(() =>
    h.telegram.calls.find(
      (c) => c.method === 'answerCallbackQuery' && String(c.params.text).includes('expired'),
    ),
  )
  expect(h.telegram.errors()).toEqual([])
})

test('AskUserQuestion: options as buttons; the pressed answer reaches Claude in the tool result', async () => {
  const h = bot()
  const user = freshUser()
  h.send('ASK-ME', user)
  const before = h.anthropic.turnRequests().length
  const question = await waitForMessage(h, user, (m) => isQuestion(m))
  expect(inlineButtons(question.replyMarkup).map((b) => b.text)).toEqual(['date-fns', 'Luxon'])
  h.press(question.messageId, 'Luxon', user)
  await waitForMessage(h, user, (m) => m.text.startsWith('tool result:'))
  const followUp = h.anthropic
    .turnRequests()
    .slice(before)
    .find((r) => r.hasToolResult)
  expect(followUp?.toolResultText).toContain('Luxon')
  expect(followUp?.toolResultText).toContain(QUESTION.question)
  expect(h.telegram.errors()).toEqual([])
})

test('AskUserQuestion: a typed message answers the open question instead of becoming a prompt', async () => {
  const h = bot()
  const user = freshUser()
  h.send('ASK-ME', user)
  await waitForMessage(h, user, (m) => isQuestion(m))
  const before = h.anthropic.turnRequests().length
  h.send('Temporal, please', user)
  await waitForMessage(h, user, (m) => m.text.startsWith('tool result:'))
  const after = h.anthropic.turnRequests().slice(before)
  expect(after.some((r) => r.prompt === 'Temporal, please')).toBe(false)
  expect(after.find((r) => r.hasToolResult)?.toolResultText).toContain('Temporal, please')
  expect(h.telegram.errors()).toEqual([])
})
