import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { systemClock } from '../telegram/clock.js'
import { Outbox } from '../telegram/outbox.js'
import { FakeCallApi, type RecordedCall, telegramError } from '../telegram/testing/fake-call-api.js'
import { deliverAnswer } from './deliver-answer.js'
import { validateTelegramHtml } from './testing/telegram-html-validator.js'

beforeEach(() => {
  vi.useFakeTimers()
})
afterEach(() => {
  vi.useRealTimers()
})

/** Like Telegram: HTML that doesn't parse is rejected; `rejectHtml` forces a rejection. */
function strictTelegram(rejectHtml: (text: string) => boolean = () => false) {
  return (call: RecordedCall) => {
    if (call.method !== 'sendMessage') return undefined
    const text = String(call.payload.text)
    const html = call.payload.parse_mode === 'HTML'
    const problems = html ? validateTelegramHtml(text) : text.length > 4096 ? ['too long'] : []
    if (problems.length > 0 || (html && rejectHtml(text))) {
      throw telegramError(
        400,
        `Bad Request: can't parse entities: ${problems.join('; ') || 'forced'}`,
      )
    }
    return undefined
  }
}

async function run(
  markdown: Parameters<typeof deliverAnswer>[2],
  options: Parameters<typeof deliverAnswer>[3] = {},
  reject?: (t: string) => boolean,
) {
  const api = new FakeCallApi(systemClock, 20, strictTelegram(reject))
  const outbox = new Outbox({ callApi: api.callApi, random: () => 0 })
  const done = deliverAnswer(outbox, 7, markdown, options)
  await vi.advanceTimersByTimeAsync(120_000)
  return { report: await done, api }
}

describe('deliverAnswer', () => {
  it('sends a short answer as one formatted message with the button on it', async () => {
    const markup = {
      inline_keyboard: [[{ text: 'Switch to research', callback_data: 's:research' }]],
    }
    const { report, api } = await run('**Done.** See `src/app.ts`.', {
      replyMarkup: markup,
      label: '[research]',
    })
    expect(report).toEqual({ messageIds: [100], plainTextParts: 0, attached: false })
    expect(api.calls[0]?.payload).toMatchObject({
      chat_id: 7,
      parse_mode: 'HTML',
      text: '<b>[research]</b>\n<b>Done.</b> See <code>src/app.ts</code>.',
      reply_markup: markup,
    })
  })

  it('sends all parts of an answer of up to three, the button on the last one', async () => {
    const markdown = ['first part', 'second part', 'third part'].join('\n\n')
    const markup = { inline_keyboard: [] }
    const { report, api } = await run(markdown, { partLimit: 15, replyMarkup: markup })
    const sends = api.callsOf('sendMessage')
    expect(sends.map((c) => c.payload.text)).toEqual(['first part', 'second part', 'third part'])
    expect(sends.map((c) => c.payload.reply_markup !== undefined)).toEqual([false, false, true])
    expect(report.attached).toBe(false)
  })

  it('past three parts: the first part, then the whole Markdown as a file carrying the button', async () => {
    const markdown = Array.from(
      { length: 40 },
      (_, i) => `## Section ${i}\n\n${'Some text here. '.repeat(40)}`,
    ).join('\n\n')
    const markup = { inline_keyboard: [] }
    const { report, api } = await run(markdown, {
      replyMarkup: markup,
      label: '[research]',
      attachAfterParts: 3,
      fileName: 'research.md',
    })
    const sends = api.callsOf('sendMessage')
    expect(sends).toHaveLength(1)
    expect(report.messageIds).toHaveLength(1)
    expect(String(sends[0]?.payload.text)).toMatch(/^<b>\[research\]<\/b>\n<b>Section 0<\/b>/)
    expect(sends[0]?.payload.reply_markup).toBeUndefined()
    const [docCall] = api.callsOf('sendDocument')
    const doc = docCall?.payload.document as { source: Buffer; filename: string }
    expect(doc.filename).toBe('research.md')
    expect(doc.source.toString('utf8')).toBe(markdown)
    expect(docCall?.payload.reply_markup).toBe(markup)
    expect(docCall?.payload.caption).toBe(
      `The whole answer (${markdown.length.toLocaleString('en-US')} characters) is in this file.`,
    )
    expect(report.attached).toBe(true)
  })

  it('renders only the head of a very long answer, and attaches its bytes as they are', async () => {
    const head = `# Start\n\n${'word '.repeat(5_000)}`
    const bytes = Buffer.from(`${head}${'x'.repeat(3_000_000)}`)
    let asked = 0
    const answer = {
      length: bytes.length,
      head,
      text: undefined,
      bytes: async (limit: number) => {
        asked += 1
        expect(limit).toBe(50 * 1024 * 1024) // read back only as far as Telegram takes
        return { bytes, whole: true }
      },
    }
    const { report, api } = await run(answer)
    expect(api.callsOf('sendMessage')).toHaveLength(1)
    expect(String(api.callsOf('sendMessage')[0]?.payload.text)).toMatch(/^<b>Start<\/b>/)
    const doc = api.callsOf('sendDocument')[0]?.payload.document as { source: Buffer }
    expect(doc.source).toBe(bytes)
    expect(asked).toBe(1)
    expect(report.attached).toBe(true)
  })

  it('re-sends just the rejected part as plain text', async () => {
    const markdown = ['first part **bold**', 'second part <with> & `code`', 'third part'].join(
      '\n\n',
    )
    const { report, api } = await run(markdown, { partLimit: 30 }, (text) =>
      text.includes('second'),
    )
    const sends = api.callsOf('sendMessage')
    expect(sends.map((c) => [c.payload.parse_mode ?? 'plain', c.payload.text])).toEqual([
      ['HTML', 'first part <b>bold</b>'],
      ['HTML', 'second part &lt;with&gt; &amp; <code>code</code>'],
      ['plain', 'second part <with> & code'],
      ['HTML', 'third part'],
    ])
    expect(report.plainTextParts).toBe(1)
    expect(report.messageIds).toHaveLength(3)
  })

  it('sends a placeholder for an empty answer', async () => {
    const { api } = await run('   ')
    expect(api.calls[0]?.payload.text).toBe('<i>(empty answer)</i>')
  })

  it('surfaces errors other than parse errors', async () => {
    const api = new FakeCallApi(systemClock, 20, () => {
      throw telegramError(403, 'Forbidden: bot was blocked by the user')
    })
    const outbox = new Outbox({ callApi: api.callApi })
    const done = deliverAnswer(outbox, 7, 'hi').catch((e: unknown) => e)
    await vi.advanceTimersByTimeAsync(10_000)
    expect(await done).toMatchObject({ code: 'TELEGRAM_API_ERROR', errorCode: 403 })
  })
})
