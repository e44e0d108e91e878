/** Subsets of the Bot API's objects that the fake produces (field names as Telegram sends them). */

export interface User {
  id: number
  is_bot: boolean
  first_name: string
  last_name?: string
  username?: string
  language_code?: string
  /** Bot API 9.3: getMe only; true when the bot has Threaded Mode (topics in private chats). */
  has_topics_enabled?: boolean
  /** Bot API 9.4: getMe only; true when users may create and delete topics in private chats. */
  allows_users_to_create_topics?: boolean
}

export interface MessageEntity {
  type: string
  offset: number
  length: number
  url?: string
  language?: string
  custom_emoji_id?: string
}

export interface Chat {
  id: number
  type: 'private'
  first_name?: string
  username?: string
}

export interface InlineKeyboardButton {
  text: string
  callback_data?: string
  url?: string
  [key: string]: unknown
}

export interface InlineKeyboardMarkup {
  inline_keyboard: InlineKeyboardButton[][]
}

/** Any reply_markup the bot sent, kept as validated JSON. */
export type ReplyMarkup = InlineKeyboardMarkup | Record<string, unknown>

export interface Document {
  file_id: string
  file_unique_id: string
  file_name?: string
  mime_type?: string
  file_size: number
}

export interface PhotoSize {
  file_id: string
  file_unique_id: string
  width: number
  height: number
  file_size: number
}

/** A voice note (Telegram records them as OGG/Opus, `audio/ogg`). */
export interface Voice {
  file_id: string
  file_unique_id: string
  duration: number
  mime_type?: string
  file_size?: number
}

/** An audio file the client treats as music (has a player: performer, title). */
export interface Audio {
  file_id: string
  file_unique_id: string
  duration: number
  performer?: string
  title?: string
  file_name?: string
  mime_type?: string
  file_size?: number
}

export interface Message {
  message_id: number
  date: number
  chat: Chat
  from?: User
  edit_date?: number
  text?: string
  entities?: MessageEntity[]
  caption?: string
  caption_entities?: MessageEntity[]
  /** Shared by the messages of one album. */
  media_group_id?: string
  document?: Document
  photo?: PhotoSize[]
  voice?: Voice
  audio?: Audio
  reply_markup?: ReplyMarkup
  reply_to_message?: Message
  /** The topic (private-chat topic, Bot API 9.3) the message belongs to. */
  message_thread_id?: number
  is_topic_message?: boolean
  forum_topic_created?: { name: string; icon_color: number; icon_custom_emoji_id?: string }
  forum_topic_edited?: { name?: string; icon_custom_emoji_id?: string }
  forum_topic_closed?: Record<string, never>
  forum_topic_reopened?: Record<string, never>
}

/** createForumTopic's result. */
export interface ForumTopic {
  message_thread_id: number
  name: string
  icon_color: number
  icon_custom_emoji_id?: string
}

/** Bot API 10.3: the user pressed Stop on a draft sent with can_stop. */
export interface MessageGenerationStopped {
  chat: Chat
  message_thread_id?: number
  draft_id: number
}

export interface CallbackQuery {
  id: string
  from: User
  message?: Message
  chat_instance: string
  data?: string
}

export interface Update {
  update_id: number
  message?: Message
  callback_query?: CallbackQuery
  stopped_message_generation?: MessageGenerationStopped
}

export interface BotCommand {
  command: string
  description: string
}

/** Who a simulated user is; private chats share the user's id. */
export interface FakeUser {
  id: number
  first_name?: string
  username?: string
  language_code?: string
}

/** A file a user or the bot sent, with its bytes. */
export interface StoredFile {
  fileId: string
  fileUniqueId: string
  filePath: string
  name?: string
  mimeType?: string
  bytes: Buffer
}
