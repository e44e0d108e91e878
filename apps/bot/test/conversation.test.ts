import { readFile } from 'node:fs/promises'
import { defaultResponder, type FakeReply, type RecordedRequest } from '@switchboard/test-utils'
import { expect, test } from 'vitest'
import {
  allowedRange,
  chatHistory,
  findFiles,
  freshUser,
  waitForMessage,
} from './conversation-support.js'
import { inlineButtons } from './support/harness.js'
import { useBotHarness } from './support/use-bot-harness.js'

const LONG_PROMPT = 'LONG-MARKDOWN'

/**
 * ~10,000 characters of Markdown with code blocks and characters HTML and Markdown care about: three
 * messages (past three, the answer goes out as its first part + a .md, see conversation-big-answer).
 */
function longMarkdown(): { markdown: string; paragraphs: string[]; code: string[] } {
  const paragraphs: string[] = []
  const code: string[] = []
  const parts: string[] = []
  for (let i = 0; parts.join('\n\n').length < 10_000; i++) {
    const p =
      `Paragraph ${i}: if x < y && y > z then a_b_c * 2 * 3 holds; "quotes" & 'apostrophes' stay. ${'Filler words keep going. '.repeat(6)}`.trim()
    paragraphs.push(p)
    parts.push(p)
    if (i % 4 === 3) {
      const body = `const v${i} = a < b && c > d // _x_ *y* <tag> &amp;\nconsole.log(\`v${i}\`, v${i})`
      code.push(body)
      parts.push(`\`\`\`ts\n${body}\n\`\`\``)
    }
  }
  return { markdown: parts.join('\n\n'), paragraphs, code }
}

const LONG = longMarkdown()

// Edit mode (drafts, the default, are in conversation-draft.test.ts): one progress message.
const bot = useBotHarness({
  allowedUsers: allowedRange(),
  env: { SWITCHBOARD_STREAM_MODE: 'edit' },
  responder: (req: RecordedRequest): FakeReply =>
    req.prompt === LONG_PROMPT && !req.hasToolResult
      ? { kind: 'text', text: LONG.markdown }
      : (defaultResponder(req) as FakeReply),
})

test('a first message creates session main and its answer streams, then arrives whole', async () => {
  const h = bot()
  const user = freshUser()
  const words = 'one two three four five six seven eight nine ten eleven twelve'
  h.send(`SLOW:3000:${words}`, user)
  const created = await waitForMessage(h, user, (m) => m.text.startsWith('Created session main'))
  expect(created.text).toContain('(persona default)')
  const answer = await waitForMessage(h, user, (m) => m.text === words)
  // Partial states were on screen before the end: a progress message showing part of the answer.
  const history = chatHistory(h, user.id)
  const partial = history.slice(0, history.lastIndexOf(words))
  expect(partial.some((t) => t.includes('one') && !t.includes('twelve'))).toBe(true)
  // The progress message is gone (no tools ran): nothing but the notice and the answer remain.
  expect(h.chat(user.id).botMessages.map((m) => m.text)).toEqual([created.text, answer.text])
  expect(h.telegram.errors()).toEqual([])
})

test('a quick answer from a live session: "typing…" at once, then the final message, no progress', async () => {
  const h = bot()
  const user = freshUser()
  h.send('warm up', user) // the first message starts the CLI, which can take over a second
  await waitForMessage(h, user, (m) => m.text === 'echo: warm up')
  const since = h.telegram.calls.length
  h.send('hi there', user)
  await waitForMessage(h, user, (m) => m.text === 'echo: hi there')
  const calls = h.telegram.calls.slice(since).filter((c) => Number(c.params.chat_id) === user.id)
  expect(calls.map((c) => c.method)).toEqual(['sendChatAction', 'sendMessage'])
  expect(calls[0]?.params.action).toBe('typing')
  expect(
    calls.filter((c) => c.method === 'editMessageText' || c.method === 'deleteMessage'),
  ).toEqual([])
  expect(h.telegram.errors()).toEqual([])
})

test('a 10,000-character Markdown answer arrives complete, valid and split on block boundaries', async () => {
  const h = bot()
  const user = freshUser()
  h.send(LONG_PROMPT, user)
  const last = LONG.paragraphs.at(-1) ?? ''
  // The answer's parts, not the live view (which starts with the session's name).
  const answerParts = () =>
    h
      .chat(user.id)
      .botMessages.filter((m) => m.text.includes('Paragraph') && !m.text.startsWith('main'))
  await h.waitFor(() => answerParts().some((m) => m.text.includes(last)), 30_000)
  const parts = answerParts()
  expect(parts.length).toBe(3)
  expect(h.chat(user.id).botMessages.some((m) => m.document)).toBe(false)
  for (const part of parts) expect(part.text.length).toBeLessThanOrEqual(4096)
  const text = parts.map((m) => m.text).join('\n')
  // Every paragraph in order, special characters shown as written.
  let from = 0
  for (const p of LONG.paragraphs) {
    const at = text.indexOf(p, from)
    expect(at, p.slice(0, 20)).toBeGreaterThanOrEqual(0)
    from = at + p.length
  }
  // Every code block whole inside one message, as a pre entity.
  for (const body of LONG.code) {
    const holder = parts.find((m) => m.text.includes(body))
    expect(holder, body.slice(0, 20)).toBeDefined()
    expect(holder?.entities.some((e) => e.type === 'pre')).toBe(true)
  }
  expect(h.telegram.errors()).toEqual([])
})

test('/stop mid-answer stops the turn with one clear message; the next message works', async () => {
  const h = bot()
  const user = freshUser()
  h.send('SLOW:8000:a b c d e f g h i j', user)
  await h.waitFor(() => chatHistory(h, user.id).some((t) => t.includes('a b')), 20_000)
  h.send('/stop', user)
  // The partial answer, with one line saying it was stopped; the progress message went.
  const stopped = await waitForMessage(h, user, (m) => m.text.endsWith('⏹ Stopped.'))
  expect(stopped.text.startsWith('a b')).toBe(true)
  await h.waitFor(() => !h.chat(user.id).botMessages.some((m) => m.text.startsWith('main ·')))
  h.send('after stop', user)
  await waitForMessage(h, user, (m) => m.text === 'echo: after stop')
  expect(h.chat(user.id).botMessages.some((m) => m.text === 'a b c d e f g h i j')).toBe(false)
  expect(h.telegram.errors()).toEqual([])
})

test('two sessions answer at once: the background answer is labelled, with a switch button', async () => {
  const h = bot()
  const user = freshUser()
  h.send('/new work', user)
  await waitForMessage(h, user, (m) => m.text.startsWith('Created session work'))
  h.send('SLOW:4000:from work', user)
  // Commands and messages are handled concurrently: switch only once the work turn has started.
  await h.waitFor(
    () => h.anthropic.requests.some((r) => r.prompt === 'SLOW:4000:from work'),
    20_000,
  )
  h.send('/new home', user)
  await waitForMessage(h, user, (m) => m.text.startsWith('Created session home'))
  h.send('SLOW:2000:from home', user)
  const home = await waitForMessage(h, user, (m) => m.text === 'from home')
  const work = await waitForMessage(h, user, (m) => m.text === '[work]\nfrom work')
  // The background session showed one quiet status message, removed once its answer was out.
  expect(h.chat(user.id).botMessages.filter((m) => m.text.includes('⏳'))).toEqual([])
  expect(home.messageId).toBeGreaterThan(0)
  expect(inlineButtons(work.replyMarkup).map((b) => b.text)).toEqual(['Switch to work'])
  const press = h.press(work.messageId, 'Switch to work', user)
  await h.waitForReply(press, (m) => m.text.startsWith('Now in session work'), { chatId: user.id })
  expect(h.telegram.errors()).toEqual([])
})

test('messages sent while a turn runs are queued in order and all answered', async () => {
  const h = bot()
  const user = freshUser()
  h.send('SLOW:2500:first answer', user)
  await h.waitFor(() => h.chat(user.id).botMessages.length > 0, 20_000)
  h.send('second', user)
  h.send('third', user)
  await waitForMessage(h, user, (m) => m.text === 'echo: third')
  const texts = h.chat(user.id).botMessages.map((m) => m.text)
  // One "Queued" message, edited as the count changes (and deleted once nothing waits).
  const queued = h.telegram.calls.filter(
    (c) => Number(c.params.chat_id) === user.id && String(c.params.text).startsWith('Queued'),
  )
  expect(queued.filter((c) => c.method === 'sendMessage').map((c) => c.params.text)).toEqual([
    'Queued: 1 message waiting — it runs after the current answer.',
  ])
  for (const call of queued) {
    expect([
      'Queued: 1 message waiting — it runs after the current answer.',
      'Queued: 2 messages waiting — they run in order after the current answer.',
    ]).toContain(call.params.text)
  }
  const answers = texts.filter((t) => t === 'first answer' || t.startsWith('echo: '))
  expect(answers).toEqual(['first answer', 'echo: second', 'echo: third'])
  expect(h.telegram.errors()).toEqual([])
})

test('injected 429s and 5xx from Telegram lose nothing', async () => {
  const h = bot()
  const user = freshUser()
  h.send('warm up', user)
  await waitForMessage(h, user, (m) => m.text === 'echo: warm up')
  h.telegram.failNext('sendMessage', { status: 429, retryAfter: 1 }, 2)
  h.send('through the flood', user)
  await waitForMessage(h, user, (m) => m.text === 'echo: through the flood')
  h.telegram.failNext('sendMessage', { status: 502 })
  h.send('through a 502', user)
  await waitForMessage(h, user, (m) => m.text === 'echo: through a 502')
  expect(h.telegram.calls.filter((c) => c.injected).length).toBe(3)
  expect(h.telegram.errors()).toEqual([])
})

test('an uploaded document is saved under uploads/ and Claude is told its path', async () => {
  const h = bot()
  const user = freshUser()
  h.telegram.userSendsDocument(
    user,
    { name: '../My Notes.txt', content: 'hello file' },
    'Please read it',
  )
  const answer = await waitForMessage(h, user, (m) => m.text.startsWith('echo: Please read it'))
  expect(answer.text).toContain('Attached file: uploads/My_Notes.txt (10 B)')
  const prompt = h.anthropic.turnRequests().at(-1)?.prompt
  expect(prompt).toBe('Please read it\n\nAttached file: uploads/My_Notes.txt (10 B)')
  const saved = await findFiles(h.dataDir, 'My_Notes.txt')
  expect(saved).toHaveLength(1)
  expect(await readFile(saved[0] ?? '', 'utf8')).toBe('hello file')
  // Without a caption it waits for the next message (bytes that are no real image: a plain file).
  h.telegram.userSendsPhoto(user, Buffer.from('fake jpeg bytes'))
  await waitForMessage(h, user, (m) => /^Got photo-[\d-]+\.jpg\. What should I do/.test(m.text))
  h.send('Describe it', user)
  const photo = await waitForMessage(h, user, (m) => m.text.startsWith('echo: Describe it'))
  expect(photo.text).toMatch(/Attached file: uploads\/photo-[\d-]+\.jpg \(15 B\)/)
  expect(h.telegram.errors()).toEqual([])
})

test('an album (items sharing a media_group_id) is saved whole and runs as ONE turn', async () => {
  const h = bot()
  const user = freshUser()
  h.telegram.userSendsMediaGroup(
    user,
    [
      { name: 'a.txt', content: 'alpha' },
      { name: 'b.txt', content: 'beta!' },
      { photo: Buffer.from('jpeg') },
    ],
    'Compare these',
  )
  const answer = await waitForMessage(h, user, (m) => m.text.startsWith('echo: Compare these'))
  expect(answer.text).toMatch(
    /^echo: Compare these\n\nAttached file: uploads\/a\.txt \(5 B\)\nAttached file: uploads\/b\.txt \(5 B\)\nAttached file: uploads\/photo-[\d-]+\.jpg \(4 B\)$/,
  )
  const saved = await findFiles(h.dataDir, 'b.txt')
  expect(saved).toHaveLength(1)
  expect(await readFile(saved[0] ?? '', 'utf8')).toBe('beta!')
  // A message after the album comes after its one answer: no other turn ran for its items.
  h.send('after the album', user)
  await waitForMessage(h, user, (m) => m.text === 'echo: after the album')
  const echoes = h.chat(user.id).botMessages.filter((m) => m.text.startsWith('echo: '))
  expect(echoes.map((m) => m.text)).toEqual([answer.text, 'echo: after the album'])
  const mine = h.anthropic.turnRequests().filter((r) => r.prompt.includes('uploads/a.txt'))
  expect(mine).toHaveLength(1)
  expect(h.telegram.errors()).toEqual([])
})
