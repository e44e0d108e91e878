import { z } from 'zod'
import type { ChatRecord, StoredMessage } from '../chat-store.js'
import { badRequest, outageBadRequest } from '../errors.js'
import type { FakeState } from '../fake-state.js'
import { validateReplyMarkup } from '../reply-markup.js'
import { int, json, str } from '../request/param-schemas.js'
import type { ReplyMarkup } from '../types.js'

/** chat_id: an integer id or an @username string. */
export const chatId = z.union([int, str])
export const replyMarkup = json(z.unknown()).optional()

/** Validated reply_markup, or undefined when not given. */
export function readReplyMarkup(raw: unknown, inlineOnly = false): ReplyMarkup | undefined {
  return raw === undefined ? undefined : validateReplyMarkup(raw, inlineOnly)
}

/** reply_to_message_id / reply_parameters must point at an existing message. */
export function checkReplyTarget(chat: ChatRecord, params: Record<string, unknown>): void {
  const parameters = json(
    z.looseObject({ message_id: int, allow_sending_without_reply: z.boolean().optional() }),
  )
    .optional()
    .safeParse(params.reply_parameters)
  const target = parameters.success ? parameters.data?.message_id : undefined
  const legacy = int.optional().safeParse(params.reply_to_message_id)
  const id = target ?? (legacy.success ? legacy.data : undefined)
  const lenient = parameters.success && parameters.data?.allow_sending_without_reply === true
  if (id !== undefined && !chat.messages.has(id) && !lenient) {
    throw badRequest('message to be replied not found')
  }
}

/** Telegram's answer to any call naming a topic during tdlib/telegram-bot-api#847. */
export const THREAD_NOT_FOUND = 'message thread not found'

/** During the #847 outage (setTopicOutage) every topic is "not found" to the bot. */
export function checkTopicOutage(state: FakeState): void {
  if (state.topicOutage) throw outageBadRequest(THREAD_NOT_FOUND)
}

/**
 * message_thread_id must name an open topic of the chat: "message thread not found" otherwise
 * (also when the bot has no topics, or during the #847 outage), "TOPIC_CLOSED" for a closed one.
 * Returns the fields a message sent there carries.
 */
export function threadOf(
  state: FakeState,
  chat: ChatRecord,
  params: Record<string, unknown>,
): { message_thread_id?: number; is_topic_message?: true } {
  if (params.message_thread_id === undefined) return {}
  const parsed = int.safeParse(params.message_thread_id)
  if (!parsed.success) throw badRequest('wrong message_thread_id specified')
  checkTopicOutage(state)
  const topic = chat.topics.get(parsed.data)
  if (topic === undefined) throw badRequest(THREAD_NOT_FOUND)
  if (topic.closed) throw badRequest('TOPIC_CLOSED')
  return { message_thread_id: topic.threadId, is_topic_message: true }
}

/** A message the bot may edit, or Telegram's error for why not. */
export function editableMessage(chat: ChatRecord, messageId: number): StoredMessage {
  const stored = chat.messages.get(messageId)
  if (stored === undefined) throw badRequest('message to edit not found')
  if (!stored.fromBot) throw badRequest("message can't be edited")
  return stored
}

/** Stable JSON for "is this the same content?" comparisons. */
export function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null)
}

export const NOT_MODIFIED =
  'message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message'
