/**
 * Sends a finished answer: Markdown → Telegram HTML → parts of ≤ 4096 visible characters, each sent
 * through the outbox in order. A part Telegram still rejects as bad HTML is re-sent as plain text
 * (the same part, so nothing is lost or repeated). An answer that needs more than a few parts goes
 * out as its first part plus the whole Markdown as a `.md` file: easier to read and copy than many
 * messages, and two calls instead of hundreds. A very long answer is never rendered whole: only its
 * head is, for the first part, so the work per answer stays bounded.
 */

import { Input } from 'telegraf'
import { z } from 'zod'
import { BOT_UPLOAD_LIMIT_BYTES } from '../files/get-file.js'
import { isParseError } from '../telegram/classify-error.js'
import type { ChatId, Outbox } from '../telegram/outbox.js'
import { type AnswerText, answerFromString } from './answer-text.js'
import { escapeHtml } from './html-escape.js'
import { renderMarkdown } from './markdown-to-html.js'
import { htmlToPlain } from './plain-text.js'
import { splitHtml, TELEGRAM_MESSAGE_LIMIT } from './split-message.js'

/** Answers longer than this (UTF-16 units) are sent as a first part + `.md` without rendering them whole. */
export const RENDER_WHOLE_MAX_CHARS = 64 * 1024

export interface DeliverOptions {
  /** Reply markup (e.g. an inline keyboard) put on the last message sent. */
  replyMarkup?: unknown
  /** Shown in bold before the answer, e.g. "[research]" for a background session. */
  label?: string
  /** Past this many parts, send the first part and attach the whole Markdown instead. Default 3. */
  attachAfterParts?: number
  /** Name of the attached file. Default "answer.md". */
  fileName?: string
  /** Extra fields for every sendMessage (e.g. message_thread_id, disable_notification). */
  extra?: Record<string, unknown>
  /** Visible length per part; default Telegram's 4096 (tests use smaller values). */
  partLimit?: number
}

export interface DeliveryReport {
  /** Ids of the text messages sent, in order. */
  messageIds: number[]
  /** How many parts had to fall back to plain text. */
  plainTextParts: number
  /** Whether the full Markdown was attached as a document (then only the first part was sent). */
  attached: boolean
}

const SentMessage = z.object({ message_id: z.number() })
const EMPTY_ANSWER = '<i>(empty answer)</i>'

/** Renders, splits and sends `answer` to `chatId`; rejects on the first message that can't be sent. */
export async function deliverAnswer(
  outbox: Outbox,
  chatId: ChatId,
  answer: string | AnswerText,
  options: DeliverOptions = {},
): Promise<DeliveryReport> {
  const source = typeof answer === 'string' ? answerFromString(answer) : answer
  const label = options.label ? `<b>${escapeHtml(options.label)}</b>\n` : ''
  const whole = source.text !== undefined && source.length <= RENDER_WHOLE_MAX_CHARS
  const markdown = whole ? (source.text ?? '') : source.head
  const body = renderMarkdown(markdown) || EMPTY_ANSWER
  const parts = splitHtml(label + body, options.partLimit ?? TELEGRAM_MESSAGE_LIMIT)
  const attach = !whole || parts.length > (options.attachAfterParts ?? 3)
  const texts = attach ? parts.slice(0, 1) : parts
  const report: DeliveryReport = { messageIds: [], plainTextParts: 0, attached: false }
  const base = { chat_id: chatId, link_preview_options: { is_disabled: true }, ...options.extra }
  const markup = options.replyMarkup ? { reply_markup: options.replyMarkup } : {}
  for (const [index, part] of texts.entries()) {
    const extra = !attach && index === texts.length - 1 ? markup : {}
    let sent: unknown
    try {
      sent = await outbox.call('sendMessage', { ...base, ...extra, text: part, parse_mode: 'HTML' })
    } catch (error) {
      if (!isParseError(error)) throw error
      report.plainTextParts += 1
      sent = await outbox.call('sendMessage', { ...base, ...extra, text: htmlToPlain(part) })
    }
    report.messageIds.push(SentMessage.parse(sent).message_id)
  }
  if (attach) {
    await sendWhole(outbox, chatId, source, { ...options, markup })
    report.attached = true
  }
  return report
}

/** The whole answer as a `.md` document, captioned, carrying the buttons. */
async function sendWhole(
  outbox: Outbox,
  chatId: ChatId,
  source: AnswerText,
  options: DeliverOptions & { markup: Record<string, unknown> },
): Promise<void> {
  // Telegram takes at most 50 MB from a bot; an answer longer than that is cut (and says so).
  const { bytes, whole } = await source.bytes(BOT_UPLOAD_LIMIT_BYTES)
  const cut = !whole
  const size = source.length.toLocaleString('en-US')
  await outbox.call('sendDocument', {
    chat_id: chatId,
    document: Input.fromBuffer(bytes, options.fileName ?? 'answer.md'),
    caption: cut
      ? `The answer is ${size} characters; the file holds its first 50 MB.`
      : `The whole answer (${size} characters) is in this file.`,
    ...threadOf(options.extra),
    ...options.markup,
  })
}

function threadOf(extra: Record<string, unknown> | undefined): Record<string, unknown> {
  return extra?.message_thread_id === undefined
    ? {}
    : { message_thread_id: extra.message_thread_id }
}
