/**
 * createForumTopic / editForumTopic / closeForumTopic / reopenForumTopic, typed and checked.
 * In private chats they need Threaded Mode (getMe `has_topics_enabled`); since Bot API 9.4 a bot may
 * create topics there ("createForumTopic … in a forum supergroup chat or a private chat with a user").
 */

import { z } from 'zod'
import type { CallOptions } from '../outbox.js'
import { type BotApiOutbox, callChecked, validated } from './checked-call.js'
import {
  ChatIdSchema,
  type ForumTopic,
  ForumTopicSchema,
  ThreadIdSchema,
  TopicIconColorSchema,
  TopicNameSchema,
} from './forum-topic.js'

const CreateTopicInput = z.object({
  chatId: ChatIdSchema,
  name: TopicNameSchema,
  iconColor: TopicIconColorSchema.optional(),
})
export type CreateTopicInput = z.input<typeof CreateTopicInput>

const EditTopicInput = z.object({
  chatId: ChatIdSchema,
  threadId: ThreadIdSchema,
  name: TopicNameSchema,
})
export type EditTopicInput = z.input<typeof EditTopicInput>

const TopicRef = z.object({ chatId: ChatIdSchema, threadId: ThreadIdSchema })
export type TopicRef = z.input<typeof TopicRef>

// edit/close/reopen: "Returns True on success."
const True = z.literal(true)

/** Creates a topic and resolves with it (its `message_thread_id` addresses every later send). */
export async function createForumTopic(
  outbox: BotApiOutbox,
  input: CreateTopicInput,
  options?: CallOptions,
): Promise<ForumTopic> {
  const { chatId, name, iconColor } = validated('createForumTopic', CreateTopicInput, input)
  const payload = {
    chat_id: chatId,
    name,
    ...(iconColor === undefined ? {} : { icon_color: iconColor }),
  }
  return callChecked(outbox, 'createForumTopic', payload, ForumTopicSchema, options)
}

/** Renames a topic (its icon is kept: omitted fields keep their values, Bot API 6.4). */
export async function editForumTopic(
  outbox: BotApiOutbox,
  input: EditTopicInput,
  options?: CallOptions,
): Promise<void> {
  const { chatId, threadId, name } = validated('editForumTopic', EditTopicInput, input)
  const payload = { chat_id: chatId, message_thread_id: threadId, name }
  await callChecked(outbox, 'editForumTopic', payload, True, options)
}

/** Closes a topic (its messages stay). */
export function closeForumTopic(
  outbox: BotApiOutbox,
  input: TopicRef,
  options?: CallOptions,
): Promise<void> {
  return topicCall(outbox, 'closeForumTopic', input, options)
}

/** Reopens a closed topic. */
export function reopenForumTopic(
  outbox: BotApiOutbox,
  input: TopicRef,
  options?: CallOptions,
): Promise<void> {
  return topicCall(outbox, 'reopenForumTopic', input, options)
}

async function topicCall(
  outbox: BotApiOutbox,
  method: string,
  input: TopicRef,
  options: CallOptions | undefined,
): Promise<void> {
  const { chatId, threadId } = validated(method, TopicRef, input)
  await callChecked(outbox, method, { chat_id: chatId, message_thread_id: threadId }, True, options)
}
