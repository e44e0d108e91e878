import { z } from 'zod'
import { type ChatRecord, draftKey, type TopicRecord } from '../chat-store.js'
import { badRequest, outageBadRequest } from '../errors.js'
import type { FakeState } from '../fake-state.js'
import { int, parseParams, str } from '../request/param-schemas.js'
import type { ForumTopic, Message } from '../types.js'
import { chatId, checkTopicOutage, THREAD_NOT_FOUND } from './common-params.js'
import type { MethodHandler } from './method.js'

/** The six icon colours Telegram allows (RGB): 0x6FB9F0, 0xFFD67E, 0xCB86DB, 0x8EEE98, 0xFF93B2, 0xFB6F5F. */
export const TOPIC_ICON_COLORS: readonly number[] = [
  7322096, 16766590, 13338331, 9367192, 16749490, 16478047,
]
const MAX_TOPIC_NAME = 128

// Wording the fake made up (see the README): Telegram's own for these is not published.
const TOPICS_DISABLED = 'the chat is not a forum'

/** A private chat where the bot may manage topics: Threaded Mode must be on. */
function topicChat(state: FakeState, id: number | string): ChatRecord {
  if (typeof id === 'number' && id < 0) throw badRequest('chat not found') // no groups in the fake
  const chat = state.chats.require(id)
  if (!state.topics.enabled) throw badRequest(TOPICS_DISABLED)
  return chat
}

/** Topic names: 1-128 characters after trimming. */
export function checkTopicName(name: string): string {
  const trimmed = name.trim()
  if (trimmed === '') throw badRequest('TOPIC_NAME_EMPTY') // fake-only wording
  if (trimmed.length > MAX_TOPIC_NAME) throw badRequest('TOPIC_NAME_TOO_LONG') // fake-only wording
  return trimmed
}

/** Creates a topic and its forum_topic_created service message (the topic's id is its id). */
export function addTopic(
  state: FakeState,
  chat: ChatRecord,
  topic: { name: string; iconColor: number; iconCustomEmojiId?: string | undefined },
  createdByUser: boolean,
): { record: TopicRecord; message: Message } {
  const created = {
    name: topic.name,
    icon_color: topic.iconColor,
    ...(topic.iconCustomEmojiId === undefined
      ? {}
      : { icon_custom_emoji_id: topic.iconCustomEmojiId }),
  }
  const message = chat.add(
    {
      from: createdByUser ? chat.user : state.bot,
      forum_topic_created: created,
      is_topic_message: true,
    },
    state.unixNow(),
    !createdByUser,
    true,
  )
  message.message_thread_id = message.message_id
  const record: TopicRecord = {
    threadId: message.message_id,
    name: topic.name,
    iconColor: topic.iconColor,
    ...(topic.iconCustomEmojiId === undefined
      ? {}
      : { iconCustomEmojiId: topic.iconCustomEmojiId }),
    closed: false,
    createdByUser,
  }
  chat.topics.set(record.threadId, record)
  return { record, message }
}

function serviceMessage(state: FakeState, chat: ChatRecord, topic: TopicRecord, content: object) {
  chat.add(
    {
      from: state.bot,
      message_thread_id: topic.threadId,
      is_topic_message: true,
      ...content,
    },
    state.unixNow(),
    true,
    true,
  )
}

const CreateSchema = z.looseObject({
  chat_id: chatId,
  name: str,
  icon_color: int.optional(),
  icon_custom_emoji_id: str.optional(),
})

/** Bot API 9.4: createForumTopic in a private chat with Threaded Mode on. */
export const createForumTopic: MethodHandler = ({ state, params }): ForumTopic => {
  const p = parseParams(CreateSchema, params)
  const chat = topicChat(state, p.chat_id)
  // tdlib/telegram-bot-api#847: Telegram's own wording, published in that issue.
  if (state.topicOutage) throw outageBadRequest('BOT_FORUM_CREATE_FORBIDDEN')
  const name = checkTopicName(p.name)
  const iconColor = p.icon_color ?? TOPIC_ICON_COLORS[0] ?? 7322096
  if (!TOPIC_ICON_COLORS.includes(iconColor)) throw badRequest('TOPIC_ICON_COLOR_INVALID') // fake-only
  const emoji = p.icon_custom_emoji_id === '' ? undefined : p.icon_custom_emoji_id
  const { record } = addTopic(state, chat, { name, iconColor, iconCustomEmojiId: emoji }, false)
  return {
    message_thread_id: record.threadId,
    name: record.name,
    icon_color: record.iconColor,
    ...(record.iconCustomEmojiId === undefined
      ? {}
      : { icon_custom_emoji_id: record.iconCustomEmojiId }),
  }
}

const TopicSchema = z.looseObject({ chat_id: chatId, message_thread_id: int })

/** The topic a topic method names, or Telegram's "message thread not found". */
function requireTopic(state: FakeState, params: Record<string, unknown>) {
  const p = parseParams(TopicSchema, params)
  const chat = topicChat(state, p.chat_id)
  checkTopicOutage(state)
  const topic = chat.topics.get(p.message_thread_id)
  if (topic === undefined) throw badRequest(THREAD_NOT_FOUND)
  return { chat, topic }
}

export const editForumTopic: MethodHandler = ({ state, params }) => {
  const p = parseParams(
    z.looseObject({ name: str.optional(), icon_custom_emoji_id: str.optional() }),
    params,
  )
  const { chat, topic } = requireTopic(state, params)
  const name = p.name === undefined ? undefined : checkTopicName(p.name)
  const edited: { name?: string; icon_custom_emoji_id?: string } = {}
  if (name !== undefined && name !== topic.name) edited.name = name
  if (p.icon_custom_emoji_id !== undefined && p.icon_custom_emoji_id !== topic.iconCustomEmojiId) {
    edited.icon_custom_emoji_id = p.icon_custom_emoji_id
  }
  if (Object.keys(edited).length === 0) throw badRequest('TOPIC_NOT_MODIFIED')
  if (edited.name !== undefined) topic.name = edited.name
  if (edited.icon_custom_emoji_id !== undefined) {
    if (edited.icon_custom_emoji_id === '') delete topic.iconCustomEmojiId
    else topic.iconCustomEmojiId = edited.icon_custom_emoji_id
  }
  serviceMessage(state, chat, topic, { forum_topic_edited: edited })
  return true
}

export const closeForumTopic: MethodHandler = ({ state, params }) => {
  const { chat, topic } = requireTopic(state, params)
  if (topic.closed) throw badRequest('TOPIC_NOT_MODIFIED')
  topic.closed = true
  serviceMessage(state, chat, topic, { forum_topic_closed: {} })
  return true
}

export const reopenForumTopic: MethodHandler = ({ state, params }) => {
  const { chat, topic } = requireTopic(state, params)
  if (!topic.closed) throw badRequest('TOPIC_NOT_MODIFIED')
  topic.closed = false
  serviceMessage(state, chat, topic, { forum_topic_reopened: {} })
  return true
}

/** Removes a topic with its messages and its draft (deleteForumTopic, or the user deleting it). */
export function removeTopic(chat: ChatRecord, threadId: number): void {
  chat.topics.delete(threadId)
  chat.drafts.delete(draftKey(threadId))
  for (const [id, stored] of chat.messages) {
    if (stored.message.message_thread_id === threadId) chat.messages.delete(id)
  }
}

/** Deletes the topic and every message in it. */
export const deleteForumTopic: MethodHandler = ({ state, params }) => {
  const { chat, topic } = requireTopic(state, params)
  removeTopic(chat, topic.threadId)
  return true
}
