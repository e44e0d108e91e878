import { z } from 'zod'
import { draftKey } from '../chat-store.js'
import { badRequest } from '../errors.js'
import { bool, entities, int, parseParams, str } from '../request/param-schemas.js'
import { formatMessageText } from '../text/format-text.js'
import { messageEvent } from '../visible-log.js'
import {
  chatId,
  checkReplyTarget,
  readReplyMarkup,
  replyMarkup,
  threadOf,
} from './common-params.js'
import type { MethodHandler } from './method.js'

const SendMessageSchema = z.looseObject({
  chat_id: chatId,
  text: str.optional(),
  parse_mode: str.optional(),
  entities: entities.optional(),
  reply_markup: replyMarkup,
})

export const sendMessage: MethodHandler = ({ state, params }) => {
  const p = parseParams(SendMessageSchema, params)
  const chat = state.chats.require(p.chat_id)
  const thread = threadOf(state, chat, params)
  const parsed = formatMessageText({
    text: p.text ?? '',
    parseMode: p.parse_mode,
    entities: p.entities,
  })
  const markup = readReplyMarkup(p.reply_markup)
  checkReplyTarget(chat, params)
  state.flood.take(chat.chat.id, 'send')
  // the final message replaces the streamed preview of its topic
  chat.drafts.delete(draftKey(thread.message_thread_id))
  const message = chat.add(
    {
      ...thread,
      from: state.bot,
      text: parsed.text,
      ...(parsed.entities.length > 0 ? { entities: parsed.entities } : {}),
      ...(markup === undefined ? {} : { reply_markup: markup }),
    },
    state.unixNow(),
    true,
  )
  state.recordVisible(messageEvent('message', message))
  return message
}

const CHAT_ACTIONS = new Set([
  'typing',
  'upload_photo',
  'record_video',
  'upload_video',
  'record_voice',
  'upload_voice',
  'upload_document',
  'choose_sticker',
  'find_location',
  'record_video_note',
  'upload_video_note',
])

export const sendChatAction: MethodHandler = ({ state, params }) => {
  const p = parseParams(z.looseObject({ chat_id: chatId, action: str }), params)
  const chat = state.chats.require(p.chat_id)
  threadOf(state, chat, params)
  if (!CHAT_ACTIONS.has(p.action)) throw badRequest('wrong parameter action in request')
  chat.actions.push(p.action)
  return true
}

const DraftSchema = z.looseObject({
  chat_id: chatId,
  draft_id: int,
  text: str.optional(),
  parse_mode: str.optional(),
  entities: entities.optional(),
  message_thread_id: int.optional(),
  can_stop: bool.optional(),
  keep_on_stop: bool.optional(),
})

/**
 * Bot API 9.5: streams a partial message to a private chat (or one of its topics). 10.3:
 * `can_stop` shows the user a Stop button (see userStopsGeneration), `keep_on_stop` keeps the draft.
 */
export const sendMessageDraft: MethodHandler = ({ state, params }) => {
  const p = parseParams(DraftSchema, params)
  if (typeof p.chat_id === 'number' && p.chat_id < 0) {
    throw badRequest('message drafts can be sent only to private chats') // fake-only wording
  }
  const chat = state.chats.require(p.chat_id)
  const thread = threadOf(state, chat, params)
  if (p.draft_id === 0) throw badRequest('draft_id must be non-zero') // fake-only wording
  const parsed = formatMessageText({
    text: p.text ?? '',
    parseMode: p.parse_mode,
    entities: p.entities,
  })
  state.flood.take(chat.chat.id, 'draft')
  const key = draftKey(thread.message_thread_id)
  const previous = chat.drafts.get(key)
  const updates = previous?.draftId === p.draft_id ? previous.updates + 1 : 1
  chat.drafts.set(key, {
    draftId: p.draft_id,
    text: parsed.text,
    entities: parsed.entities,
    updates,
    canStop: p.can_stop ?? false,
    keepOnStop: p.keep_on_stop ?? false,
    ...(thread.message_thread_id === undefined ? {} : { threadId: thread.message_thread_id }),
  })
  state.recordVisible({
    chatId: chat.chat.id,
    ...(thread.message_thread_id === undefined ? {} : { threadId: thread.message_thread_id }),
    kind: 'draft',
    text: parsed.text,
    draftId: p.draft_id,
  })
  return true
}
