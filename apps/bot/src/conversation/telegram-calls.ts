/**
 * The few Bot API calls the conversation makes besides streaming and answers, all through the
 * Outbox (rate limits, retries, per-chat order). Each returns what the caller needs, nothing more.
 */

import { z } from 'zod'
import type { Logger } from '../logging/logger.js'
import { htmlToPlain } from '../render/plain-text.js'
import { isParseError } from '../telegram/classify-error.js'
import type { ChatId, Outbox } from '../telegram/outbox.js'

const SentMessage = z.object({ message_id: z.number() })

export interface InlineButton {
  text: string
  callback_data: string
}

export interface SendOptions {
  /** The topic to send into (private chats with topics); absent: outside any topic. */
  threadId?: number
  /** Reply to this message of the user (still sent if it was deleted meanwhile). */
  replyTo?: number
  buttons?: InlineButton[][]
  html?: boolean
  silent?: boolean
}

/**
 * sendText for a notice the caller does not fail over: a refusal or outage is logged (warn, as
 * `failure`) and resolves undefined instead of the message id.
 */
export function sendOrLog(
  deps: { outbox: Outbox; logger: Logger },
  chatId: ChatId,
  text: string,
  options: SendOptions,
  failure: string,
): Promise<number | undefined> {
  return sendText(deps.outbox, chatId, text, options).catch((error: unknown) => {
    deps.logger.warn({ err: error }, failure)
    return undefined
  })
}

/** Sends a message (plain text unless `html`) and resolves with its id. */
export async function sendText(
  outbox: Outbox,
  chatId: ChatId,
  text: string,
  options: SendOptions = {},
): Promise<number> {
  const sent = await outbox.call('sendMessage', {
    chat_id: chatId,
    ...(options.threadId === undefined ? {} : { message_thread_id: options.threadId }),
    text,
    link_preview_options: { is_disabled: true },
    ...(options.html ? { parse_mode: 'HTML' } : {}),
    ...(options.silent ? { disable_notification: true } : {}),
    ...(options.replyTo === undefined
      ? {}
      : { reply_parameters: { message_id: options.replyTo, allow_sending_without_reply: true } }),
    ...(options.buttons ? { reply_markup: { inline_keyboard: options.buttons } } : {}),
  })
  return SentMessage.parse(sent).message_id
}

/** Sends HTML; if Telegram rejects its formatting, the same text goes out as plain text. */
export async function sendHtml(
  outbox: Outbox,
  chatId: ChatId,
  html: string,
  options: Omit<SendOptions, 'html'> = {},
): Promise<number> {
  try {
    return await sendText(outbox, chatId, html, { ...options, html: true })
  } catch (error) {
    if (!isParseError(error)) throw error
    return sendText(outbox, chatId, htmlToPlain(html), options)
  }
}

/** Edits to HTML, falling back to plain text like sendHtml. */
export async function editHtml(
  outbox: Outbox,
  chatId: ChatId,
  messageId: number,
  html: string,
  options: Pick<SendOptions, 'buttons'> = {},
): Promise<void> {
  try {
    await editText(outbox, chatId, messageId, html, { ...options, html: true })
  } catch (error) {
    if (!isParseError(error)) throw error
    await editText(outbox, chatId, messageId, htmlToPlain(html), options)
  }
}

/** Replaces a message's text; without `buttons` its inline keyboard is removed (as on Telegram). */
export async function editText(
  outbox: Outbox,
  chatId: ChatId,
  messageId: number,
  text: string,
  options: Pick<SendOptions, 'buttons' | 'html'> = {},
): Promise<void> {
  await outbox.call('editMessageText', {
    chat_id: chatId,
    message_id: messageId,
    text,
    link_preview_options: { is_disabled: true },
    ...(options.html ? { parse_mode: 'HTML' } : {}),
    ...(options.buttons ? { reply_markup: { inline_keyboard: options.buttons } } : {}),
  })
}

/** Replaces only the inline keyboard of a message. */
export async function editButtons(
  outbox: Outbox,
  chatId: ChatId,
  messageId: number,
  buttons: InlineButton[][],
): Promise<void> {
  await outbox.call('editMessageReplyMarkup', {
    chat_id: chatId,
    message_id: messageId,
    reply_markup: { inline_keyboard: buttons },
  })
}

/** Deletes a message of the bot. */
export async function deleteMessage(
  outbox: Outbox,
  chatId: ChatId,
  messageId: number,
): Promise<void> {
  await outbox.call('deleteMessage', { chat_id: chatId, message_id: messageId })
}
