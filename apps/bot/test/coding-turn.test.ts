// The "done when", end to end: a person follows, approves and steers a real coding turn in a
// bound git project from the phone alone — a plan (steered by typed feedback, then approved with
// auto-accepted edits), a read, an edit, a failing test run, a question — then a screenshot and a
// voice note. Real bot, real Claude Code CLI; the model is scripted by the fake Messages API (deferred
// tools through ToolSearch, as the real model does), Telegram and the transcriber are fakes.
import { execFileSync } from 'node:child_process'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import {
  deferredToolCall,
  type FakeTranscriber,
  say,
  scenarioResponder,
  startFakeTranscriber,
  toolCall,
  writePlan,
} from '@switchboard/test-utils'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { ask } from './support/ask.js'
import type { ChatMessage } from './support/fakes.js'
import { type BotHarness, inlineButtons, startBotHarness } from './support/harness.js'

const KEY = 'sk-coding-turn-0123456789'
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
)
const PLAN = '# Fix sum\n\n1. **Read** `src/sum.js`\n2. Make it add'
const REVISED = `${PLAN}\n3. Run \`npm test\``
const QUESTION = {
  question: 'The test still fails on sum(2, 3). Fix the test or the code?',
  header: 'Next',
  multiSelect: false,
  options: [
    { label: 'Fix the test', description: 'The test expects 6' },
    { label: 'Fix the code', description: 'sum() is wrong' },
  ],
}
const ANSWER =
  '**Fixed** — `sum()` now adds.\n\n| file | change |\n|---|---|\n| src/sum.js | `-` → `+` |'

let h: BotHarness
let transcriber: FakeTranscriber
let project = ''

function scenario() {
  const file = () => join(project, 'src', 'sum.js')
  return scenarioResponder({
    'FIX-SUM': [
      writePlan(PLAN),
      ...deferredToolCall('ExitPlanMode', {}),
      // The plan was rejected with the user's words: plan again, ask again.
      writePlan(REVISED),
      toolCall('ExitPlanMode', {}),
      () => toolCall('Read', { file_path: file() }),
      () => toolCall('Edit', { file_path: file(), old_string: 'a - b', new_string: 'a + b' }),
      toolCall('Bash', { command: 'npm test', description: 'Run the tests' }),
      ...deferredToolCall('AskUserQuestion', { questions: [QUESTION] }),
      say(ANSWER),
    ],
    'SCREENSHOT:': [say('I see a red build badge.')],
  })
}

beforeAll(async () => {
  transcriber = await startFakeTranscriber({ apiKey: KEY })
  const env: Record<string, string> = {
    SWITCHBOARD_STREAM_MODE: 'edit',
    SWITCHBOARD_TRANSCRIBE_URL: transcriber.url,
    SWITCHBOARD_TRANSCRIBE_API_KEY: KEY,
  }
  h = await startBotHarness({
    responder: scenario(),
    env,
    prepare: async ({ scratchDir }) => {
      env.SWITCHBOARD_PROJECT_ROOTS = scratchDir
      project = join(scratchDir, 'app')
      await makeGitProject(project)
    },
  })
}, 60_000)
afterAll(async () => {
  await h?.stop()
  await transcriber?.close()
})

async function makeGitProject(dir: string): Promise<void> {
  await mkdir(join(dir, 'src'), { recursive: true })
  await writeFile(join(dir, 'src', 'sum.js'), 'module.exports = (a, b) => a - b\n')
  const test = [
    "const sum = require('./src/sum.js')",
    "console.log(sum(1, 1) === 2 ? 'ok 1 - sum(1, 1)' : 'not ok 1 - sum(1, 1)')",
    "console.log('not ok 2 - sum(2, 3) = 6')",
    "console.log('1 failing')",
    'process.exit(1)',
  ].join('\n')
  await writeFile(join(dir, 'test.js'), `${test}\n`)
  await writeFile(
    join(dir, 'package.json'),
    JSON.stringify({ name: 'app', private: true, scripts: { test: 'node test.js' } }),
  )
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, stdio: 'ignore' })
  git('init', '-q')
  git('add', '.')
  git('-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-qm', 'init')
}

const turnRequests = () => h.anthropic.turnRequests()
const withButtons = (m: ChatMessage) => inlineButtons(m.replyMarkup).length > 0

test('a plan, a failing test run, a question, a screenshot and a voice note, all from the phone', {
  timeout: 180_000,
}, async () => {
  expect((await ask(h, `/new app default ${project}`)).text).toContain(project)
  expect((await ask(h, '/mode plan')).text).toContain('plan')

  // The plan arrives rendered, then its choices; typed words send it back with them.
  h.send('FIX-SUM: the sum is wrong')
  const choices = await h.waitForBotMessage(
    (m) => m.text.includes('Start on it?') && withButtons(m),
  )
  const plan = h.chat().messages.find((m) => m.text.startsWith('📋'))
  expect(plan?.html).toContain('<b>Read</b>')
  expect(plan?.text).not.toContain('**')
  h.send('also run the tests')
  const again = await h.waitForBotMessage(
    (m) => m.messageId > choices.messageId && m.text.includes('Start on it?') && withButtons(m),
  )
  expect(turnRequests().some((r) => r.toolResultText.includes('also run the tests'))).toBe(true)
  expect(turnRequests().some((r) => r.prompt === 'also run the tests')).toBe(false)
  expect(h.chat().messages.some((m) => m.text.includes('Run npm test'))).toBe(true)

  // Approved with auto-accepted edits: the edit runs unasked, the test run asks (Bash is not an edit).
  h.press(again.messageId, '✅ Approve, auto-accept edits')
  const bash = await h.waitForBotMessage(
    (m) => m.text.includes('asks for permission') && withButtons(m),
  )
  expect(bash.text).toContain('npm test')
  h.press(bash.messageId, '✅ Allow')

  // The question: one button per option; the pressed one reaches the model.
  const question = await h.waitForBotMessage(
    (m) => m.text.includes(QUESTION.question) && withButtons(m),
  )
  expect(inlineButtons(question.replyMarkup).map((b) => b.text)).toEqual([
    'Fix the test',
    'Fix the code',
  ])
  h.press(question.messageId, 'Fix the code')
  const answer = await h.waitForBotMessage((m) => m.text.startsWith('Fixed — sum() now adds.'))
  expect(answer.html).toContain('<b>Fixed</b>')
  expect(turnRequests().some((r) => r.toolResultText.includes('Fix the code'))).toBe(true)
  expect(await readFile(join(project, 'src', 'sum.js'), 'utf8')).toContain('a + b')

  // The turn's permanent log: each step with its outcome, the failing run's exit status and tail.
  const log = h.chat().botMessages.find((m) => /✓ done — \d+ tools/.test(m.text))
  expect(log?.text).toContain('Read src/sum.js')
  expect(log?.text).toContain('Edit src/sum.js (+1 −1)')
  expect(log?.text).toMatch(/npm test — exit 1/)
  expect(log?.text).toContain('1 failing')
  expect(log?.text).not.toMatch(/[{}]"/)
  expect((await ask(h, '/status')).text).toContain('Permission mode: acceptEdits')

  // A screenshot: an image block with its caption reaches the model.
  h.telegram.userSendsPhoto(h.user, PNG, 'SCREENSHOT: what is wrong here?')
  await h.waitForBotMessage((m) => m.text.startsWith('I see a red build badge.'))
  const shot = turnRequests().find((r) => r.prompt.startsWith('SCREENSHOT:'))
  expect(JSON.stringify(shot?.messages)).toContain(`"data":"${PNG.toString('base64')}"`)

  // A voice note: transcribed, shown, and run as the prompt.
  h.telegram.userSendsVoice(h.user, { content: 'thanks, that is all', duration: 2 })
  expect((await h.waitForBotMessage((m) => m.text.startsWith('🎙'))).text).toBe(
    '🎙 thanks, that is all',
  )
  await h.waitForBotMessage((m) => m.text === 'echo: thanks, that is all')

  // The project's git tree holds only the edit: uploads and the plan live elsewhere.
  const status = execFileSync('git', ['status', '--porcelain'], { cwd: project, encoding: 'utf8' })
  expect(status.trim()).toBe('M src/sum.js')
  expect(h.telegram.errors()).toEqual([])
})
