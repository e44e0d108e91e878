import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import {
  deferredToolCall,
  type RecordedRequest,
  say,
  scenarioResponder,
  toolCall,
  writePlan,
} from '@switchboard/test-utils'
import { expect, test } from 'vitest'
import { KEEP_PLANNING_MESSAGE } from '../src/permissions/plan-approval.js'
import { allowedRange, freshUser, sessionsOf, waitForMessage } from './conversation-support.js'
import { ask } from './support/ask.js'
import type { ChatMessage, FakeUser } from './support/fakes.js'
import { type BotHarness, inlineButtons } from './support/harness.js'
import { useBotHarness } from './support/use-bot-harness.js'

// Plan mode end to end with the real CLI: the model writes its plan file and calls ExitPlanMode
// (loaded through ToolSearch); the chat shows the plan and three choices; what is chosen (or typed)
// reaches the model, and the mode the CLI reports afterwards is the one /status shows and the
// session keeps.
const PLAN = [
  '# Fix the sum',
  '',
  '1. **Change** `sum()` to add instead of subtract',
  '2. Run `npm test`',
  '',
  '```js',
  'const sum = (a, b) => a + b',
  '```',
].join('\n')
const LONG_PLAN = Array.from(
  { length: 400 },
  (_, i) => `${i + 1}. Step number ${i + 1}: check the **${i}th** thing carefully.`,
).join('\n')

const planTurn = (plan?: string) => [
  ...(plan === undefined ? [] : [writePlan(plan)]),
  ...deferredToolCall('ExitPlanMode', {}),
  (req: RecordedRequest) => say(`plan result: ${req.toolResultText.slice(0, 200)}`),
]

const bot = useBotHarness({
  allowedUsers: allowedRange(),
  responder: scenarioResponder({
    'PLAN-IT': planTurn(PLAN),
    'PLAN-LONG': planTurn(LONG_PLAN),
    'PLAN-NONE': planTurn(),
    // "EDIT-AFTER <absolute path>": a Write after the plan, to see whether it asks.
    'EDIT-AFTER': [
      (req) => toolCall('Write', { file_path: req.prompt.split(' ')[1] ?? '', content: 'x\n' }),
      (req) => say(`wrote: ${req.toolResultText.slice(0, 80)}`),
    ],
  }),
})

const isPlanPrompt = (m: ChatMessage) =>
  m.text.includes('Start on it?') || m.text.includes('no plan to show')

/** A planner session for a fresh user, its plan on screen: the plan message and the choices. */
async function planned(h: BotHarness, prompt = 'PLAN-IT') {
  const user = freshUser()
  await ask(h, '/new p planner', user)
  h.send(prompt, user)
  const choices = await waitForMessage(h, user, isPlanPrompt)
  return { user, choices }
}

async function personaMode(h: BotHarness, user: FakeUser) {
  const [session] = await sessionsOf(h, user)
  const file = join(h.dataDir, 'sessions', String(user.id), session?.id ?? '', 'persona.json')
  return JSON.parse(await readFile(file, 'utf8')).settings.permissionMode
}

async function status(h: BotHarness, user: FakeUser) {
  return (await ask(h, '/status', user)).text
}

test('the plan is shown rendered, with three choices; auto-accept → acceptEdits, edits run unasked', async () => {
  const h = bot()
  const { user, choices } = await planned(h)
  const plan = h.chat(user.id).messages.find((m) => m.text.startsWith('📋 Claude’s plan'))
  expect(plan?.text).toContain('Change sum() to add instead of subtract')
  expect(plan?.html).toContain('<b>Change</b>')
  expect(plan?.html).toContain('<code>sum()</code>')
  expect(plan?.html).toContain('const sum = (a, b) =&gt; a + b')
  expect(plan?.text).not.toContain('**')
  const sent = h.telegram.calls.find(
    (c) => c.method === 'sendMessage' && String(c.params.text).includes('Start on it?'),
  )
  expect(sent?.params.reply_parameters).toMatchObject({ message_id: plan?.messageId })
  expect(inlineButtons(choices.replyMarkup).map((b) => b.text)).toEqual([
    '✅ Approve, auto-accept edits',
    '✅ Approve, ask before edits',
    '✏️ Keep planning',
  ])
  h.press(choices.messageId, '✅ Approve, auto-accept edits', user)
  await waitForMessage(h, user, (m) => m.text.includes('plan result: User has approved your plan'))
  const settled = h.chat(user.id).messages.find((m) => m.messageId === choices.messageId)
  expect(settled?.text).toContain('Approved: Claude edits files without asking')
  expect(inlineButtons(settled?.replyMarkup)).toEqual([])
  expect(await status(h, user)).toContain('Permission mode: acceptEdits')
  expect(await personaMode(h, user)).toBe('acceptEdits')
  expect((await ask(h, '/mode', user)).text).toContain('runs in acceptEdits mode')
  // The CLI really is in acceptEdits: a Write in the session's directory runs without a prompt.
  const [session] = await sessionsOf(h, user)
  const target = join(session?.workingDirectory ?? '', 'after.txt')
  h.send(`EDIT-AFTER ${target}`, user)
  await waitForMessage(h, user, (m) => m.text.startsWith('wrote: File created'))
  expect(existsSync(target)).toBe(true)
  expect(h.chat(user.id).messages.some((m) => m.text.includes('asks for permission'))).toBe(false)
  expect(h.telegram.errors()).toEqual([])
})

test('approve, ask before edits → default mode: the next edit asks', async () => {
  const h = bot()
  const { user, choices } = await planned(h)
  h.press(choices.messageId, '✅ Approve, ask before edits', user)
  await waitForMessage(h, user, (m) => m.text.includes('plan result: User has approved your plan'))
  expect(await status(h, user)).toContain('Permission mode: default')
  expect(await personaMode(h, user)).toBe('default')
  const [session] = await sessionsOf(h, user)
  h.send(`EDIT-AFTER ${join(session?.workingDirectory ?? '', 'asked.txt')}`, user)
  const prompt = await waitForMessage(h, user, (m) => m.text.includes('asks for permission'))
  h.press(prompt.messageId, '🚫 Deny', user)
  await waitForMessage(h, user, (m) => m.text.startsWith('wrote:'))
  // Kept in the session: with no process running, the saved mode is the one shown (and started in).
  await ask(h, '/suspend', user)
  const suspended = await status(h, user)
  expect(suspended).toContain('Permission mode: default')
  expect(suspended).toContain('Process: not running')
  expect(h.telegram.errors()).toEqual([])
})

test('keep planning: denied, the model is told, the session stays in plan mode', async () => {
  const h = bot()
  const { user, choices } = await planned(h)
  h.press(choices.messageId, '✏️ Keep planning', user)
  const result = await waitForMessage(h, user, (m) => m.text.startsWith('plan result:'))
  expect(result.text).toContain(KEEP_PLANNING_MESSAGE.slice(0, 60))
  expect(await status(h, user)).toContain('Permission mode: plan')
  expect(await personaMode(h, user)).toBe('plan')
  expect(h.telegram.errors()).toEqual([])
})

test('typed text while the plan is open is feedback: the model reads it, no new prompt', async () => {
  const h = bot()
  const { user, choices } = await planned(h)
  const before = h.anthropic.turnRequests().length
  h.send('Add a step that updates the README', user)
  await waitForMessage(h, user, (m) => m.text.startsWith('plan result:'))
  const after = h.anthropic.turnRequests().slice(before)
  expect(after.some((r) => r.prompt.startsWith('Add a step'))).toBe(false)
  const feedback = after.find((r) => r.hasToolResult)
  expect(feedback?.toolResultText).toContain('Add a step that updates the README')
  const settled = h.chat(user.id).messages.find((m) => m.messageId === choices.messageId)
  expect(settled?.text).toContain('with your feedback: Add a step that updates the README')
  expect(await status(h, user)).toContain('Permission mode: plan')
  expect(h.telegram.errors()).toEqual([])
})

test('no plan file: the message says so and offers the same choices', async () => {
  const h = bot()
  const { user, choices } = await planned(h, 'PLAN-NONE')
  expect(choices.text).toContain('there is no plan to show: it wrote no plan file')
  expect(inlineButtons(choices.replyMarkup)).toHaveLength(3)
  h.press(choices.messageId, '✅ Approve, ask before edits', user)
  await waitForMessage(h, user, (m) => m.text.startsWith('plan result:'))
  expect(h.telegram.errors()).toEqual([])
})

test('a long plan: its first part, then the whole plan as a .md file, then the choices', async () => {
  const h = bot()
  const { user, choices } = await planned(h, 'PLAN-LONG')
  const messages = h.chat(user.id).messages
  const first = messages.find((m) => m.text.startsWith('📋 Claude’s plan'))
  const file = messages.find((m) => m.document?.name?.endsWith('.md'))
  expect(first?.text).toContain('1. Step number 1')
  expect(file?.text).toContain('The whole plan')
  expect(file?.document?.bytes.toString('utf8')).toBe(LONG_PLAN)
  expect(choices.messageId).toBeGreaterThan(file?.messageId ?? Infinity)
  h.press(choices.messageId, '✏️ Keep planning', user)
  await waitForMessage(h, user, (m) => m.text.startsWith('plan result:'))
  expect(h.telegram.errors()).toEqual([])
})
