import { type ChatRecord, draftKey, type StoredMessage, type TopicRecord } from './chat-store.js'
import type { FileStore } from './file-store.js'
import { entitiesToHtml } from './text/entities-to-html.js'
import type { Message, MessageEntity, ReplyMarkup } from './types.js'

/** A message as a user sees it, for assertions. */
export interface ChatMessage {
  messageId: number
  fromBot: boolean
  /** The text, or the caption of a document/photo ('' when none). */
  text: string
  entities: MessageEntity[]
  /** Canonical Telegram HTML re-rendered from text + entities. */
  html: string
  replyMarkup: ReplyMarkup | undefined
  /** How many times the bot edited it. */
  edits: number
  /** The topic it is in (message_thread_id), if any. */
  threadId?: number
  /** A service message (forum_topic_created/edited/closed/reopened); never among botMessages. */
  service: boolean
  document?: { fileId: string; name?: string; mimeType?: string; bytes: Buffer }
  photo?: { fileId: string; bytes: Buffer }
  /** The raw Bot API object. */
  raw: Message
}

/** A topic of the chat as the user sees it. */
export type TopicView = Readonly<TopicRecord>

/** A snapshot of one private chat, or of one topic of it (`chat(id, threadId)`). */
export interface ChatView {
  chatId: number
  /** The topic this view is filtered to, if any. */
  threadId: number | undefined
  /** Messages still in the chat (deleted ones are gone), oldest first; only the topic's if filtered. */
  messages: ChatMessage[]
  botMessages: ChatMessage[]
  lastBotMessage: ChatMessage | undefined
  /** The bot's current streamed draft (of the topic, if filtered), cleared when it sends there. */
  draft:
    | {
        draftId: number
        text: string
        entities: MessageEntity[]
        html: string
        updates: number
        threadId?: number
        canStop: boolean
        keepOnStop: boolean
      }
    | undefined
  /** The chat's topics, open and closed (deleted ones are gone). */
  topics: TopicView[]
  /** sendChatAction actions, in order. */
  actions: string[]
}

/** Builds the snapshot tests read; an unknown chat is an empty one. */
export function toChatView(
  chatId: number,
  record: ChatRecord | undefined,
  files: FileStore,
  threadId?: number,
): ChatView {
  const messages = [...(record?.messages.values() ?? [])]
    .map((stored) => toChatMessage(stored, files))
    .filter((m) => threadId === undefined || m.threadId === threadId)
  const botMessages = messages.filter((m) => m.fromBot && !m.service)
  const draft = record?.drafts.get(draftKey(threadId))
  return {
    chatId,
    threadId,
    messages,
    botMessages,
    lastBotMessage: botMessages.at(-1),
    draft: draft && { ...draft, html: entitiesToHtml(draft.text, draft.entities) },
    actions: [...(record?.actions ?? [])],
    topics: [...(record?.topics.values() ?? [])].map((t) => ({ ...t })),
  }
}

function toChatMessage(stored: StoredMessage, files: FileStore): ChatMessage {
  const m = stored.message
  const text = m.text ?? m.caption ?? ''
  const entities = m.entities ?? m.caption_entities ?? []
  const view: ChatMessage = {
    messageId: m.message_id,
    fromBot: stored.fromBot,
    text,
    entities,
    html: entitiesToHtml(text, entities),
    replyMarkup: m.reply_markup,
    edits: stored.edits,
    service: stored.service === true,
    raw: m,
  }
  if (m.message_thread_id !== undefined) view.threadId = m.message_thread_id
  const doc = m.document && files.byId(m.document.file_id)
  if (doc) {
    view.document = {
      fileId: doc.fileId,
      bytes: doc.bytes,
      ...(doc.name === undefined ? {} : { name: doc.name }),
      ...(doc.mimeType === undefined ? {} : { mimeType: doc.mimeType }),
    }
  }
  const photoId = m.photo?.at(-1)?.file_id
  const photo = photoId === undefined ? undefined : files.byId(photoId)
  if (photo) view.photo = { fileId: photo.fileId, bytes: photo.bytes }
  return view
}
