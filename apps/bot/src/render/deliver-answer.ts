/**
 * Sends a finished answer: Markdown → Telegram HTML → parts of ≤ 4096 visible characters, each sent
 * through the outbox in order. A part Telegram still rejects as bad HTML is re-sent as plain text
 * (the same part, so nothing is lost or repeated). Long answers also get the full Markdown attached
 * as a `.md` file, which is easier to read and copy than many messages.
 */

import { Input } from 'telegraf'
import { z } from 'zod'
import { isParseError } from '../telegram/classify-error.js'
import type { ChatId, Outbox } from '../telegram/outbox.js'
import { escapeHtml } from './html-escape.js'
import { renderMarkdown } from './markdown-to-html.js'
import { htmlToPlain } from './plain-text.js'
import { splitHtml, TELEGRAM_MESSAGE_LIMIT } from './split-message.js'

export interface DeliverOptions {
  /** Reply markup (e.g. an inline keyboard) put on the last text part. */
  replyMarkup?: unknown
  /** Shown in bold before the answer, e.g. "[research]" for a background session. */
  label?: string
  /** Attach the Markdown as a file when the answer needs more parts than this. Default 3. */
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
  /** Whether the full Markdown was attached as a document. */
  attached: boolean
}

const SentMessage = z.object({ message_id: z.number() })
const EMPTY_ANSWER = '<i>(empty answer)</i>'

/** Renders, splits and sends `markdown` to `chatId`; rejects on the first part that can't be sent. */
export async function deliverAnswer(
  outbox: Outbox,
  chatId: ChatId,
  markdown: string,
  options: DeliverOptions = {},
): Promise<DeliveryReport> {
  const label = options.label ? `<b>${escapeHtml(options.label)}</b>\n` : ''
  const body = renderMarkdown(markdown) || EMPTY_ANSWER
  const parts = splitHtml(label + body, options.partLimit ?? TELEGRAM_MESSAGE_LIMIT)
  const report: DeliveryReport = { messageIds: [], plainTextParts: 0, attached: false }
  const base = { chat_id: chatId, link_preview_options: { is_disabled: true }, ...options.extra }
  for (const [index, part] of parts.entries()) {
    const markup =
      index === parts.length - 1 && options.replyMarkup ? { reply_markup: options.replyMarkup } : {}
    let sent: unknown
    try {
      sent = await outbox.call('sendMessage', {
        ...base,
        ...markup,
        text: part,
        parse_mode: 'HTML',
      })
    } catch (error) {
      if (!isParseError(error)) throw error
      report.plainTextParts += 1
      sent = await outbox.call('sendMessage', { ...base, ...markup, text: htmlToPlain(part) })
    }
    report.messageIds.push(SentMessage.parse(sent).message_id)
  }
  if (parts.length > (options.attachAfterParts ?? 3)) {
    const file = Input.fromBuffer(Buffer.from(markdown, 'utf8'), options.fileName ?? 'answer.md')
    await outbox.call('sendDocument', {
      chat_id: chatId,
      document: file,
      ...threadOf(options.extra),
    })
    report.attached = true
  }
  return report
}

function threadOf(extra: Record<string, unknown> | undefined): Record<string, unknown> {
  return extra?.message_thread_id === undefined
    ? {}
    : { message_thread_id: extra.message_thread_id }
}
