/**
 * Sends a finished answer: Markdown → Telegram HTML → parts of ≤ 4096 visible characters, each sent
 * through the outbox in order. A part Telegram still rejects as bad HTML is re-sent as plain text
 * (the same part, so nothing is lost or repeated). An answer that needs more than a few parts goes
 * out as its first part plus the whole Markdown as a `.md` file: easier to read and copy than many
 * messages, and two calls instead of hundreds. A very long answer is never rendered whole: only its
 * head is, for the first part, so the work per answer stays bounded.
 *
 * Planning (what to send) and sending (one part or the file at a time) are apart, so a final
 * answer's delivery can be journaled and resumed part by part (conversation/final-delivery.ts).
 */

import { Input } from 'telegraf'
import { z } from 'zod'
import { BOT_UPLOAD_LIMIT_BYTES } from '../files/get-file.js'
import { isParseError } from '../telegram/classify-error.js'
import type { CallOptions, ChatId, Outbox } from '../telegram/outbox.js'
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

/** What an answer becomes: its HTML parts, and whether the whole Markdown goes along as a file. */
export interface AnswerPlan {
  parts: string[]
  attach: boolean
}

/** One text message of a final outcome: HTML (with the plain-text fallback) or plain text. */
export interface PlannedMessage {
  text: string
  html: boolean
}

const SentMessage = z.object({ message_id: z.number() })
const EMPTY_ANSWER = '<i>(empty answer)</i>'

/** Renders `answer` (only its head when very long) and splits it into the parts to send. */
export function planAnswer(
  source: AnswerText,
  options: Pick<DeliverOptions, 'label' | 'attachAfterParts' | 'partLimit'> = {},
): AnswerPlan {
  const label = options.label ? `<b>${escapeHtml(options.label)}</b>\n` : ''
  const whole = source.text !== undefined && source.length <= RENDER_WHOLE_MAX_CHARS
  const markdown = whole ? (source.text ?? '') : source.head
  const body = renderMarkdown(markdown) || EMPTY_ANSWER
  const parts = splitHtml(label + body, options.partLimit ?? TELEGRAM_MESSAGE_LIMIT)
  const attach = !whole || parts.length > (options.attachAfterParts ?? 3)
  return { parts: attach ? parts.slice(0, 1) : parts, attach }
}

/** The caption of the `.md`: what it holds (all of the answer, or its first 50 MB). */
export function documentCaption(length: number, whole: boolean): string {
  const size = length.toLocaleString('en-US')
  return whole
    ? `The whole answer (${size} characters) is in this file.`
    : `The answer is ${size} characters; the file holds its first 50 MB.`
}

/**
 * Sends one message; HTML Telegram rejects as unparsable goes again as plain text. Resolves with
 * its message id and whether the fallback was used.
 */
export async function sendPlannedMessage(
  outbox: Outbox,
  chatId: ChatId,
  message: PlannedMessage,
  extra: Record<string, unknown> = {},
  callOptions: CallOptions = {},
): Promise<{ messageId: number; plain: boolean }> {
  const base = { chat_id: chatId, link_preview_options: { is_disabled: true }, ...extra }
  if (!message.html) {
    const sent = await outbox.call('sendMessage', { ...base, text: message.text }, callOptions)
    return { messageId: SentMessage.parse(sent).message_id, plain: true }
  }
  try {
    const html = { ...base, text: message.text, parse_mode: 'HTML' }
    const sent = await outbox.call('sendMessage', html, callOptions)
    return { messageId: SentMessage.parse(sent).message_id, plain: false }
  } catch (error) {
    if (!isParseError(error)) throw error
    const plain = { ...base, text: htmlToPlain(message.text) }
    const sent = await outbox.call('sendMessage', plain, callOptions)
    return { messageId: SentMessage.parse(sent).message_id, plain: true }
  }
}

/** Sends `bytes` as a document (the whole answer as `.md`); resolves with its message id. */
export async function sendAnswerDocument(
  outbox: Outbox,
  chatId: ChatId,
  file: { bytes: Buffer; fileName: string; caption: string },
  extra: Record<string, unknown> = {},
  callOptions: CallOptions = {},
): Promise<number> {
  const payload = {
    chat_id: chatId,
    document: Input.fromBuffer(file.bytes, file.fileName),
    caption: file.caption,
    ...extra,
  }
  const sent = await outbox.call('sendDocument', payload, callOptions)
  return SentMessage.parse(sent).message_id
}

/** Renders, splits and sends `answer` to `chatId`; rejects on the first message that can't be sent. */
export async function deliverAnswer(
  outbox: Outbox,
  chatId: ChatId,
  answer: string | AnswerText,
  options: DeliverOptions = {},
): Promise<DeliveryReport> {
  const source = typeof answer === 'string' ? answerFromString(answer) : answer
  const { parts, attach } = planAnswer(source, options)
  const report: DeliveryReport = { messageIds: [], plainTextParts: 0, attached: false }
  const markup = options.replyMarkup ? { reply_markup: options.replyMarkup } : {}
  for (const [index, text] of parts.entries()) {
    const last = !attach && index === parts.length - 1
    const extra = { ...options.extra, ...(last ? markup : {}) }
    const sent = await sendPlannedMessage(outbox, chatId, { text, html: true }, extra)
    if (sent.plain) report.plainTextParts += 1
    report.messageIds.push(sent.messageId)
  }
  if (attach) {
    // Telegram takes at most 50 MB from a bot; an answer longer than that is cut (and says so).
    const { bytes, whole } = await source.bytes(BOT_UPLOAD_LIMIT_BYTES)
    const file = {
      bytes,
      fileName: options.fileName ?? 'answer.md',
      caption: documentCaption(source.length, whole),
    }
    await sendAnswerDocument(outbox, chatId, file, { ...threadOf(options.extra), ...markup })
    report.attached = true
  }
  return report
}

/** The thread a document goes to, taken from the messages' extra fields. */
export function threadOf(extra: Record<string, unknown> | undefined): Record<string, unknown> {
  return extra?.message_thread_id === undefined
    ? {}
    : { message_thread_id: extra.message_thread_id }
}
