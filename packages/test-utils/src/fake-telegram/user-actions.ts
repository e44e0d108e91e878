import { randomBytes } from 'node:crypto'
import { type AudioFile, storeAudio } from './audio-file.js'
import { type ChatRecord, draftKey } from './chat-store.js'
import { FakeTelegramUsageError } from './errors.js'
import type { FakeState } from './fake-state.js'
import { documentOf, photoOf } from './methods/file-methods.js'
import {
  addTopic,
  checkTopicName,
  removeTopic,
  TOPIC_ICON_COLORS,
} from './methods/topic-methods.js'
import type { FakeUser, Message, MessageEntity, Update } from './types.js'

/** Where a user writes: inside an open topic when `threadId` is given. */
export interface UserPlace {
  threadId?: number
}

/**
 * The fields of a user message written inside topic `threadId` (throws unless it is an open topic).
 * On Telegram a topic message that is no reply carries the topic's forum_topic_created message as
 * reply_to_message: that is how a bot learns the topic's name.
 */
export function topicFields(chat: ChatRecord, threadId: number | undefined): Partial<Message> {
  if (threadId === undefined) return {}
  const topic = chat.topics.get(threadId)
  if (topic === undefined || topic.closed) {
    throw new FakeTelegramUsageError(`no open topic ${threadId} in chat ${chat.chat.id}`)
  }
  const root = chat.messages.get(threadId)?.message
  return {
    message_thread_id: threadId,
    is_topic_message: true,
    ...(root === undefined ? {} : { reply_to_message: shallowReply(root) }),
  }
}

// Telegram never nests reply_to_message inside a reply_to_message.
function shallowReply(message: Message): Message {
  const { reply_to_message: _nested, ...rest } = message
  return rest
}

/** A user sends text; "/cmd" words get bot_command entities like Telegram adds. */
export function userSends(
  state: FakeState,
  from: FakeUser,
  text: string,
  extra?: { replyTo?: number; threadId?: number },
): Update {
  const chat = state.chats.ensure(from)
  const inTopic = topicFields(chat, extra?.threadId)
  const entities = commandEntities(text)
  const replyTo =
    extra?.replyTo === undefined ? undefined : chat.messages.get(extra.replyTo)?.message
  const message = chat.add(
    {
      from: chat.user,
      text,
      ...(entities.length > 0 ? { entities } : {}),
      ...inTopic,
      ...(replyTo === undefined ? {} : { reply_to_message: shallowReply(replyTo) }),
    },
    state.unixNow(),
    false,
  )
  return state.updates.push({ message })
}

/** A user sends a file as a document. */
export function userSendsDocument(
  state: FakeState,
  from: FakeUser,
  file: { name: string; content: Buffer | string; mimeType?: string },
  caption?: string,
  place?: UserPlace,
): Update {
  const chat = state.chats.ensure(from)
  const inTopic = topicFields(chat, place?.threadId)
  const stored = state.files.add('documents', Buffer.from(file.content), file.name, file.mimeType)
  const message = chat.add(
    { from: chat.user, document: documentOf(stored), ...(caption ? { caption } : {}), ...inTopic },
    state.unixNow(),
    false,
  )
  return state.updates.push({ message })
}

/** A user sends a photo (one size; the fake does not decode images). */
export function userSendsPhoto(
  state: FakeState,
  from: FakeUser,
  content: Buffer,
  caption?: string,
  place?: UserPlace,
): Update {
  const chat = state.chats.ensure(from)
  const inTopic = topicFields(chat, place?.threadId)
  const stored = state.files.add('photos', content, undefined, 'image/jpeg')
  const message = chat.add(
    { from: chat.user, photo: [photoOf(stored)], ...(caption ? { caption } : {}), ...inTopic },
    state.unixNow(),
    false,
  )
  return state.updates.push({ message })
}

/** One item of an album: a document (with a name), a photo (without one) or an audio file. */
export type MediaGroupItem =
  | { name: string; content: Buffer | string; mimeType?: string }
  | { photo: Buffer }
  | { audio: AudioFile }

/**
 * A user sends an album: one message per item sharing a `media_group_id`, each its own update, the
 * caption on the first item (as Telegram does).
 */
export function userSendsMediaGroup(
  state: FakeState,
  from: FakeUser,
  items: readonly MediaGroupItem[],
  caption?: string,
  place?: UserPlace,
): Update[] {
  if (items.length < 2 || items.length > 10) {
    throw new FakeTelegramUsageError('an album has 2 to 10 items')
  }
  // As in Telegram's clients (and sendMediaGroup): audio files are grouped only with audio files.
  const audio = items.filter((item) => 'audio' in item).length
  if (audio > 0 && audio < items.length) {
    throw new FakeTelegramUsageError('an album with audio files has only audio files')
  }
  const chat = state.chats.ensure(from)
  const inTopic = topicFields(chat, place?.threadId)
  const groupId = randomBytes(8).readBigUInt64BE().toString()
  return items.map((item, i) => {
    const media =
      'audio' in item
        ? { audio: storeAudio(state, item.audio) }
        : 'photo' in item
          ? { photo: [photoOf(state.files.add('photos', item.photo, undefined, 'image/jpeg'))] }
          : {
              document: documentOf(
                state.files.add('documents', Buffer.from(item.content), item.name, item.mimeType),
              ),
            }
    const message = chat.add(
      {
        from: chat.user,
        media_group_id: groupId,
        ...media,
        ...(caption && i === 0 ? { caption } : {}),
        ...inTopic,
      },
      state.unixNow(),
      false,
    )
    return state.updates.push({ message })
  })
}

/** A user presses an inline button; throws if the message has no button with that data. */
export function userPresses(
  state: FakeState,
  from: FakeUser,
  target: { chatId: number; messageId: number },
  callbackData: string,
): Update {
  const stored = state.chats.get(target.chatId)?.messages.get(target.messageId)
  if (stored === undefined) {
    throw new FakeTelegramUsageError(`no message ${target.messageId} in chat ${target.chatId}`)
  }
  const markup = stored.message.reply_markup
  const rows = markup && 'inline_keyboard' in markup ? markup.inline_keyboard : []
  const buttons = Array.isArray(rows) ? rows.flat() : []
  if (!buttons.some((b) => b.callback_data === callbackData)) {
    throw new FakeTelegramUsageError(
      `message ${target.messageId} has no inline button with callback_data ${JSON.stringify(callbackData)}`,
    )
  }
  const user = state.chats.ensure(from).user
  const id = randomBytes(8).readBigUInt64BE().toString()
  state.callbackQueries.set(id, { createdAt: state.now(), answered: false })
  return state.updates.push({
    callback_query: {
      id,
      from: user,
      message: stored.message,
      chat_instance: String(target.chatId),
      data: callbackData,
    },
  })
}

/**
 * A user creates a topic in the private chat (Bot API 9.4, when the bot allows it): the bot gets a
 * message with `forum_topic_created`, whose message_thread_id is the new topic's.
 */
export function userCreatesTopic(
  state: FakeState,
  from: FakeUser,
  name: string,
  iconColor: number = TOPIC_ICON_COLORS[0] ?? 7322096,
): Update {
  if (!state.topics.usersCanCreate) {
    throw new FakeTelegramUsageError(
      'users cannot create topics: start the fake with topics.usersCanCreate',
    )
  }
  if (!TOPIC_ICON_COLORS.includes(iconColor)) {
    throw new FakeTelegramUsageError(`icon colour ${iconColor} is not one Telegram allows`)
  }
  let trimmed: string
  try {
    trimmed = checkTopicName(name)
  } catch {
    throw new FakeTelegramUsageError(
      `a topic name is 1-128 characters, got ${JSON.stringify(name)}`,
    )
  }
  const chat = state.chats.ensure(from)
  const { message } = addTopic(state, chat, { name: trimmed, iconColor }, true)
  return state.updates.push({ message })
}

/**
 * The user deletes a topic in their client (allowed when the bot lets users create and delete
 * topics, Bot API 9.4). The topic, its messages and its draft are gone. Telegram sends the bot no
 * update for this: the bot only learns it when a call with that message_thread_id fails with
 * "message thread not found".
 */
export function userDeletesTopic(state: FakeState, chatId: number, threadId: number): void {
  if (!state.topics.usersCanCreate) {
    throw new FakeTelegramUsageError(
      'users cannot delete topics: start the fake with topics.usersCanCreate',
    )
  }
  const chat = state.chats.get(chatId)
  if (chat?.topics.get(threadId) === undefined) {
    throw new FakeTelegramUsageError(`no topic ${threadId} in chat ${chatId}`)
  }
  removeTopic(chat, threadId)
}

/**
 * A user presses Stop on the bot's draft (Bot API 10.3): a `stopped_message_generation` update,
 * queued only if allowed_updates lets it through. Throws unless that draft is the current one of
 * the chat/topic and was sent with can_stop. The draft is kept when it had keep_on_stop.
 */
export function userStopsGeneration(
  state: FakeState,
  from: FakeUser,
  target: { chatId: number; threadId?: number; draftId: number },
): Update {
  const chat = state.chats.get(target.chatId)
  const key = draftKey(target.threadId)
  const draft = chat?.drafts.get(key)
  if (chat === undefined || draft === undefined || draft.draftId !== target.draftId) {
    throw new FakeTelegramUsageError(
      `no draft ${target.draftId} in chat ${target.chatId}${target.threadId === undefined ? '' : ` topic ${target.threadId}`}`,
    )
  }
  if (chat.user.id !== from.id) {
    throw new FakeTelegramUsageError(`user ${from.id} cannot see chat ${target.chatId}`)
  }
  if (!draft.canStop) {
    throw new FakeTelegramUsageError(
      `draft ${target.draftId} was sent without can_stop: no Stop button`,
    )
  }
  if (!draft.keepOnStop) chat.drafts.delete(key)
  return state.updates.push({
    stopped_message_generation: {
      chat: chat.chat,
      ...(target.threadId === undefined ? {} : { message_thread_id: target.threadId }),
      draft_id: target.draftId,
    },
  })
}

// Telegram marks /commands (optionally /cmd@bot) at the start of a word.
function commandEntities(text: string): MessageEntity[] {
  const entities: MessageEntity[] = []
  for (const match of text.matchAll(/(^|\s)(\/[a-zA-Z0-9_]{1,64}(?:@[a-zA-Z0-9_]{3,32})?)/g)) {
    const offset = (match.index ?? 0) + (match[1]?.length ?? 0)
    entities.push({ type: 'bot_command', offset, length: match[2]?.length ?? 0 })
  }
  return entities
}
