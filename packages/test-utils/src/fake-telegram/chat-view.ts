import type { ChatRecord, StoredMessage } from './chat-store.js'
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
  document?: { fileId: string; name?: string; mimeType?: string; bytes: Buffer }
  photo?: { fileId: string; bytes: Buffer }
  /** The raw Bot API object. */
  raw: Message
}

/** A snapshot of one private chat. */
export interface ChatView {
  chatId: number
  /** Messages still in the chat (deleted ones are gone), oldest first. */
  messages: ChatMessage[]
  botMessages: ChatMessage[]
  lastBotMessage: ChatMessage | undefined
  /** The bot's current streamed draft, cleared when it sends a message. */
  draft:
    | { draftId: number; text: string; entities: MessageEntity[]; html: string; updates: number }
    | undefined
  /** sendChatAction actions, in order. */
  actions: string[]
}

/** Builds the snapshot tests read; an unknown chat is an empty one. */
export function toChatView(
  chatId: number,
  record: ChatRecord | undefined,
  files: FileStore,
): ChatView {
  const messages = [...(record?.messages.values() ?? [])].map((stored) =>
    toChatMessage(stored, files),
  )
  const botMessages = messages.filter((m) => m.fromBot)
  const draft = record?.draft
  return {
    chatId,
    messages,
    botMessages,
    lastBotMessage: botMessages.at(-1),
    draft: draft && { ...draft, html: entitiesToHtml(draft.text, draft.entities) },
    actions: [...(record?.actions ?? [])],
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
    raw: m,
  }
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
