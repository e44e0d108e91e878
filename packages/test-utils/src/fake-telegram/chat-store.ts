import { badRequest } from './errors.js'
import type { Chat, FakeUser, Message, MessageEntity, User } from './types.js'

/** A message as stored: the Telegram object plus what only the fake knows. */
export interface StoredMessage {
  message: Message
  fromBot: boolean
  edits: number
  /** A service message (forum_topic_created, …), not shown among bot messages. */
  service?: boolean
}

/** The bot's latest sendMessageDraft in a chat (or in one of its topics). */
export interface Draft {
  draftId: number
  text: string
  entities: MessageEntity[]
  updates: number
  threadId?: number
  canStop: boolean
  keepOnStop: boolean
}

/** A topic of a private chat (Bot API 9.3/9.4); its id is the id of its creation message. */
export interface TopicRecord {
  threadId: number
  name: string
  iconColor: number
  iconCustomEmojiId?: string
  closed: boolean
  createdByUser: boolean
}

/** Key of a chat's draft slot: its topic, or 0 for the chat outside any topic. */
export const draftKey = (threadId: number | undefined): number => threadId ?? 0

/** One private chat (its id is the user's id). */
export class ChatRecord {
  readonly chat: Chat
  readonly user: User
  readonly messages = new Map<number, StoredMessage>()
  readonly actions: string[] = []
  /** Current drafts by topic (draftKey); a sent message replaces the draft of its topic. */
  readonly drafts = new Map<number, Draft>()
  readonly topics = new Map<number, TopicRecord>()
  #nextMessageId = 1

  constructor(user: User) {
    this.user = user
    this.chat = {
      id: user.id,
      type: 'private',
      first_name: user.first_name,
      ...(user.username === undefined ? {} : { username: user.username }),
    }
  }

  /** Appends a message with the next message_id of this chat. */
  add(
    content: Omit<Message, 'message_id' | 'chat' | 'date'>,
    date: number,
    fromBot: boolean,
    service = false,
  ): Message {
    const message: Message = {
      message_id: this.#nextMessageId++,
      date,
      chat: this.chat,
      ...content,
    }
    this.messages.set(message.message_id, {
      message,
      fromBot,
      edits: 0,
      ...(service ? { service } : {}),
    })
    return message
  }
}

/** Every chat the fake knows; the bot can only write to users who wrote to it first. */
export class ChatStore {
  readonly #chats = new Map<number, ChatRecord>()

  /** The user's private chat, created on first contact. */
  ensure(from: FakeUser): ChatRecord {
    const existing = this.#chats.get(from.id)
    if (existing) return existing
    const user: User = {
      id: from.id,
      is_bot: false,
      first_name: from.first_name ?? `User ${from.id}`,
      ...(from.username === undefined ? {} : { username: from.username }),
      ...(from.language_code === undefined ? {} : { language_code: from.language_code }),
    }
    const record = new ChatRecord(user)
    this.#chats.set(from.id, record)
    return record
  }

  get(chatId: number): ChatRecord | undefined {
    return this.#chats.get(chatId)
  }

  /** The chat for a chat_id parameter, or Telegram's "chat not found". */
  require(chatId: number | string): ChatRecord {
    const record = typeof chatId === 'number' ? this.#chats.get(chatId) : undefined
    if (record === undefined) throw badRequest('chat not found')
    return record
  }
}
