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

// A command whose tail is past what any message can show.
const LONG_COMMAND = `echo ${'a'.repeat(5000)}; touch pwned`

const bot = useBotHarness({
  allowedUsers: allowedRange(),
  responder: (req: RecordedRequest): FakeReply => {
    if (req.hasToolResult) return defaultResponder(req) as FakeReply
    if (req.prompt === 'ASK-ME')
      return { kind: 'tool_use', name: 'AskUserQuestion', input: { questions: [QUESTION] } }
    if (req.prompt === 'LONG-BASH')
      return {
        kind: 'tool_use',
        name: 'Bash',
        input: { command: LONG_COMMAND, description: 'Print some a' },
      }
    return defaultResponder(req) as FakeReply
  },
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
  expect(prompt.text).toMatch(/Always allows Bash\(.*touch allowed\.txt.*\) in this session\./)
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

test('Always: the prompt names the rule, the edited message confirms it, the audit records it', async () => {
  const h = bot()
  const user = freshUser()
  h.send('TOOL:Bash:touch always.txt', user)
  const prompt = await waitForMessage(h, user, (m) => m.text.includes('asks for permission'))
  const rule = /Always allows (.+) in this session\./.exec(prompt.text)?.[1]
  expect(rule).toMatch(/^Bash\(.*touch always\.txt.*\)$/)
  h.press(prompt.messageId, '✅ Always allow in this session', user)
  await waitForMessage(h, user, (m) => m.text.startsWith('tool result:'))
  const edited = h.chat(user.id).messages.find((m) => m.messageId === prompt.messageId)
  expect(edited?.text).toContain(`✅ Always allowed in this session: ${rule}`)
  expect(await auditLines(h, user.id)).toContainEqual(
    expect.objectContaining({ userId: user.id, answer: 'always', rule }),
  )
  expect(h.telegram.errors()).toEqual([])
})

test('a command too long for a message: the whole of it arrives as a file before the buttons', async () => {
  const h = bot()
  const user = freshUser()
  h.send('LONG-BASH', user)
  const prompt = await waitForMessage(h, user, (m) => m.text.includes('asks for permission'))
  const messages = h.chat(user.id).messages
  const file = messages.find((m) => m.document !== undefined)
  expect(file?.document?.name).toBe('bash-request.txt')
  expect(file?.document?.bytes.toString('utf8')).toContain(`\n${LONG_COMMAND}\n`)
  expect(file?.messageId).toBeLessThan(prompt.messageId)
  // The prompt replies to the file, so the two stay together in the chat.
  const sent = h.telegram.calls.find(
    (c) =>
      c.method === 'sendMessage' &&
      Number(c.params.chat_id) === user.id &&
      String(c.params.text).includes('asks for permission'),
  )
  const reply = sent?.params.reply_parameters
  expect(typeof reply === 'string' ? JSON.parse(reply) : reply).toMatchObject({
    message_id: file?.messageId,
  })
  // The message says it is partial; the tail is only in the file.
  expect(prompt.text).not.toContain('touch pwned')
  expect(prompt.text).toMatch(
    /Showing the first [\d,]+ of 5,018 characters: the full input is in the attached file\./,
  )
  expect(prompt.text.indexOf('Claude says: Print some a')).toBeGreaterThan(
    prompt.text.indexOf('echo a'),
  )
  h.press(prompt.messageId, '🚫 Deny', user)
  await waitForMessage(h, user, (m) => m.text.startsWith('tool result:'))
  const [session] = await sessionsOf(h, user)
  expect(existsSync(join(session?.workingDirectory ?? '', 'pwned'))).toBe(false)
  // The audit log names a side file by hash; the side file holds the full command.
  const line = (await auditLines(h, user.id)).find((l) => l.tool === 'Bash')
  expect(line).toMatchObject({ answer: 'deny', inputFile: expect.stringMatching(/^audit\//) })
  const logDir = join(h.dataDir, 'sessions', String(user.id), session?.id ?? '')
  const side = JSON.parse(await readFile(join(logDir, line.inputFile), 'utf8'))
  expect(side.command).toBe(LONG_COMMAND)
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
