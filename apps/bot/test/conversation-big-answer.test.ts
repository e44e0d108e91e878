import { readdir } from 'node:fs/promises'
import { expect, test } from 'vitest'
import { htmlToPlain } from '../src/render/plain-text.js'
import { sessionsOf } from './conversation-support.js'
import { BIG_PROMPT, bigAnswer, bigAnswerResponder } from './support/big-answer.js'
import { useBotHarness } from './support/use-bot-harness.js'

const answer = bigAnswer()
const bot = useBotHarness({ responder: bigAnswerResponder(answer) })

test('a 5 MB answer: its first part, then the whole answer as a .md file, in a few calls', async () => {
  const h = bot()
  const warm = h.send('warm up') // creates the session, spawns the CLI
  await h.waitForReply(warm, (m) => m.text === 'echo: warm up', { timeoutMs: 30_000 })
  const from = h.telegram.calls.length
  const update = h.send(BIG_PROMPT)
  const file = await h.waitForReply(update, (m) => m.document !== undefined, { timeoutMs: 120_000 })

  expect(file.document?.name).toBe('answer.md')
  expect(file.document?.bytes.equals(Buffer.from(answer))).toBe(true)
  expect(file.text).toBe(
    `The whole answer (${answer.length.toLocaleString('en-US')} characters) is in this file.`,
  )
  const texts = h.chat().botMessages.filter((m) => m.messageId > 0 && m.messageId < file.messageId)
  const first = texts.at(-1)
  expect(first?.text.startsWith('Section 1\n\nParagraph 1 explains one thing')).toBe(true)
  expect(first?.text.length).toBeLessThanOrEqual(4096)
  expect(htmlToPlain(first?.html ?? '')).toBe(first?.text)

  const calls = h.telegram.calls.slice(from).filter((c) => c.method !== 'getUpdates')
  const sends = calls.filter((c) => c.method === 'sendMessage')
  expect(calls.length, JSON.stringify(calls.map((c) => c.method))).toBeLessThan(10)
  expect(sends.length).toBeLessThanOrEqual(2) // the progress message and the first part
  // The .md was read back from the spool, a file in the session's directory unlinked at once.
  expect(h.logs()).toMatch(/"chars":\d{7},"spooled":true,"msg":"delivering"/)
  // Nothing is left there.
  const [session] = await sessionsOf(h, h.user)
  const dir = session?.workingDirectory.replace(/\/workspace$/, '') ?? ''
  expect((await readdir(dir)).filter((name) => name.startsWith('.answer-'))).toEqual([])
  expect(h.telegram.errors()).toEqual([])
})
