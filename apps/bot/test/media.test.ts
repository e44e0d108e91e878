import { execFileSync } from 'node:child_process'
import { mkdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { defaultResponder, type FakeReply, type RecordedRequest } from '@switchboard/test-utils'
import { expect, test } from 'vitest'
import { allowedRange, findFiles, freshUser, waitForMessage } from './conversation-support.js'
import { useBotHarness } from './support/use-bot-harness.js'

// Pictures and files, end to end with the real CLI: images reach the model as image blocks; a bound
// project's uploads stay out of its git tree; an upload without a caption waits for the next text.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
)
const GIF = Buffer.from('R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==', 'base64')
const READ_UPLOAD = 'READ-UPLOAD'

const env: Record<string, string> = {}
const dirs = { project: '' }

const bot = useBotHarness({
  allowedUsers: allowedRange(),
  env,
  prepare: async ({ scratchDir }) => {
    env.SWITCHBOARD_PROJECT_ROOTS = scratchDir
    dirs.project = join(scratchDir, 'proj')
    await mkdir(dirs.project)
    const git = (...args: string[]) => execFileSync('git', args, { cwd: dirs.project })
    git('init', '-q')
    git('-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-q', '--allow-empty', '-m', 'init')
  },
  // `READ-UPLOAD …`: the model opens the first attached file with Read, by the path it was told.
  responder: (req: RecordedRequest): FakeReply => {
    const path = /Attached file: (\S+)/.exec(req.prompt)?.[1]
    if (!req.hasToolResult && req.prompt.startsWith(READ_UPLOAD) && path) {
      return { kind: 'tool_use', name: 'Read', input: { file_path: path } }
    }
    return defaultResponder(req) as FakeReply
  },
})

/** The image blocks of the user message that carried `text` (the CLI passes the user's blocks on). */
function imageBlocksWith(requests: readonly RecordedRequest[], text: string) {
  const request = requests.find((r) => r.prompt.startsWith(text))
  type Block = { type: string; text?: string }
  const blocks = (request?.messages ?? [])
    .map((m): Block[] => (typeof m.content === 'string' ? [] : m.content))
    .find((content) => content.some((b) => b.type === 'text' && b.text?.startsWith(text)))
  return (blocks ?? []).filter((b) => b.type === 'image') as unknown as {
    source: { type: string; media_type: string; data: string }
  }[]
}

test('a photo and an image document reach Claude as image blocks with the caption as text', async () => {
  const h = bot()
  const user = freshUser()
  h.telegram.userSendsPhoto(user, PNG, 'What is in this picture?')
  const answer = await waitForMessage(h, user, (m) =>
    m.text.startsWith('echo: What is in this picture?'),
  )
  expect(answer.text).toMatch(
    /\n\nAttached image: uploads\/photo-[\d-]+\.jpg \(\d+ B, image, attached above\)$/,
  )
  expect(imageBlocksWith(h.anthropic.requests, 'What is in this picture?')).toEqual([
    {
      type: 'image',
      source: { type: 'base64', media_type: 'image/png', data: PNG.toString('base64') },
    },
  ])
  h.telegram.userSendsDocument(
    user,
    { name: 'chart.gif', content: GIF, mimeType: 'image/gif' },
    'Explain the chart',
  )
  await waitForMessage(h, user, (m) => m.text.startsWith('echo: Explain the chart'))
  const [gif] = imageBlocksWith(h.anthropic.requests, 'Explain the chart')
  expect(gif?.source).toEqual({
    type: 'base64',
    media_type: 'image/gif',
    data: GIF.toString('base64'),
  })
  // Saved as well.
  const saved = await findFiles(h.dataDir, 'chart.gif')
  expect(saved).toHaveLength(1)
  expect(await readFile(saved[0] ?? '')).toEqual(GIF)
  expect(h.telegram.errors()).toEqual([])
})

test('a bound project: the upload lands in the session’s own directory, Claude reads it there, git stays clean', async () => {
  const h = bot()
  const user = freshUser()
  h.send(`/new proj default ${dirs.project}`, user)
  await waitForMessage(h, user, (m) => m.text.includes(dirs.project))
  h.telegram.userSendsDocument(user, { name: 'notes.txt', content: 'secret plan 42' }, READ_UPLOAD)
  const result = await waitForMessage(
    h,
    user,
    (m) => m.text.includes('tool result:') || m.text.includes('asks for permission'),
  )
  expect(result.text).toContain('secret plan 42')
  const saved = await findFiles(h.dataDir, 'notes.txt')
  expect(saved).toHaveLength(1)
  const path = saved[0] ?? ''
  expect(path).toMatch(/\/sessions\/\d+\/[^/]+\/uploads\/notes\.txt$/)
  const prompt = h.anthropic.turnRequests().find((r) => r.prompt.startsWith(READ_UPLOAD))?.prompt
  expect(prompt).toBe(`${READ_UPLOAD}\n\nAttached file: ${path} (14 B)`)
  const status = execFileSync('git', ['status', '--porcelain'], { cwd: dirs.project }).toString()
  expect(status).toBe('')
  expect(h.telegram.errors()).toEqual([])
})

test('a file Telegram does not let the bot download: the chat says so in plain words, the reason is in the log', async () => {
  const h = bot()
  const user = freshUser()
  // A captioned file is fetched once, when its turn is prepared: that getFile fails.
  h.telegram.failNext('getFile', { status: 400, description: 'Bad Request: wrong file_id' })
  h.telegram.userSendsDocument(user, { name: 'report.pdf', content: '%PDF-1.7 fake' }, 'Summarize')
  const told = await waitForMessage(h, user, (m) => m.text.startsWith('Telegram didn’t let me'))
  const ref = /\(ref ([0-9a-f]{6})\)/.exec(told.text)?.[1]
  expect(told.text).toBe(
    `Telegram didn’t let me download report.pdf (ref ${ref}); please send it again.`,
  )
  expect(told.text).not.toMatch(/wrong file_id|400|fetch/)
  const line = h
    .logs()
    .split('\n')
    .find((l) => ref !== undefined && l.includes(ref))
  expect(line).toContain('wrong file_id')
  expect(h.anthropic.turnRequests().some((r) => r.prompt.includes('Summarize'))).toBe(false)
  expect(h.telegram.errors()).toEqual([])
})

test('files without a caption wait: the user is asked, the next text runs with all of them in one turn', async () => {
  const h = bot()
  const user = freshUser()
  h.telegram.userSendsDocument(user, { name: 'report.pdf', content: '%PDF-1.7 fake' })
  const asked = await waitForMessage(h, user, (m) => m.text.startsWith('Got report.pdf.'))
  expect(asked.text).toBe(
    'Got report.pdf. What should I do with it? Your next message runs with it attached.',
  )
  // Saved before the question (the turn later uses that copy: no report-1.pdf).
  expect(await findFiles(h.dataDir, 'report.pdf')).toHaveLength(1)
  h.telegram.userSendsDocument(user, { name: 'data.csv', content: 'a,b\n1,2\n' })
  await waitForMessage(h, user, (m) => m.text.startsWith('Got data.csv.'))
  expect(h.anthropic.turnRequests().some((r) => r.prompt.includes('report.pdf'))).toBe(false)
  // Waiting files survive a restart.
  await h.restart('SIGKILL')
  h.send('Compare them', user)
  const answer = await waitForMessage(h, user, (m) => m.text.startsWith('echo: Compare them'))
  expect(answer.text).toBe(
    'echo: Compare them\n\nAttached file: uploads/report.pdf (13 B)\nAttached file: uploads/data.csv (8 B)',
  )
  h.send('and now?', user)
  await waitForMessage(h, user, (m) => m.text === 'echo: and now?')
  const turns = h.anthropic.turnRequests().filter((r) => r.prompt.includes('uploads/report.pdf'))
  expect(turns).toHaveLength(1)
  expect(await findFiles(h.dataDir, 'report-1.pdf')).toEqual([])
  expect(h.telegram.errors()).toEqual([])
})

test('an album without a caption: one question for all of it, then one turn with every file', async () => {
  const h = bot()
  const user = freshUser()
  h.telegram.userSendsMediaGroup(user, [
    { name: 'a.txt', content: 'alpha' },
    { name: 'b.txt', content: 'beta!' },
  ])
  await waitForMessage(h, user, (m) => m.text.startsWith('Got a.txt and b.txt.'))
  h.send('Merge them', user)
  const answer = await waitForMessage(h, user, (m) => m.text.startsWith('echo: Merge them'))
  expect(answer.text).toBe(
    'echo: Merge them\n\nAttached file: uploads/a.txt (5 B)\nAttached file: uploads/b.txt (5 B)',
  )
  // Each item saved once (early), and the turn used those copies.
  expect(await findFiles(h.dataDir, 'b-1.txt')).toEqual([])
  const questions = h.chat(user.id).botMessages.filter((m) => m.text.startsWith('Got '))
  expect(questions.map((m) => m.text)).toEqual([
    'Got a.txt and b.txt. What should I do with them? Your next message runs with them attached.',
  ])
  expect(h.telegram.errors()).toEqual([])
})
