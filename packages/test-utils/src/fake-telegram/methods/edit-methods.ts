import { z } from 'zod'
import { badRequest } from '../errors.js'
import { entities, int, parseParams, str } from '../request/param-schemas.js'
import { formatCaption, formatMessageText } from '../text/format-text.js'
import { messageEvent } from '../visible-log.js'
import {
  chatId,
  editableMessage,
  NOT_MODIFIED,
  readReplyMarkup,
  replyMarkup,
  sameJson,
} from './common-params.js'
import type { MethodHandler } from './method.js'

const Target = {
  chat_id: chatId.optional(),
  message_id: int.optional(),
  inline_message_id: str.optional(),
}

// Edits by inline_message_id need inline mode, which the fake does not simulate.
function target(
  state: Parameters<MethodHandler>[0]['state'],
  p: z.infer<z.ZodObject<typeof Target>>,
) {
  if (p.inline_message_id !== undefined) throw badRequest('MESSAGE_ID_INVALID')
  if (p.chat_id === undefined) throw badRequest('chat_id is empty')
  if (p.message_id === undefined) throw badRequest('message identifier is not specified')
  return { chat: state.chats.require(p.chat_id), messageId: p.message_id }
}

const EditTextSchema = z.looseObject({
  ...Target,
  text: str.optional(),
  parse_mode: str.optional(),
  entities: entities.optional(),
  reply_markup: replyMarkup,
})

export const editMessageText: MethodHandler = ({ state, params }) => {
  const p = parseParams(EditTextSchema, params)
  const { chat, messageId } = target(state, p)
  const parsed = formatMessageText({
    text: p.text ?? '',
    parseMode: p.parse_mode,
    entities: p.entities,
  })
  const markup = readReplyMarkup(p.reply_markup, true)
  const stored = editableMessage(chat, messageId)
  const m = stored.message
  if (m.text === undefined) throw badRequest('there is no text in the message to edit')
  if (
    m.text === parsed.text &&
    sameJson(m.entities ?? [], parsed.entities) &&
    sameJson(m.reply_markup, markup)
  ) {
    throw badRequest(NOT_MODIFIED)
  }
  state.flood.take(chat.chat.id, 'send')
  // Like Telegram, an edit without reply_markup removes the inline keyboard.
  const { entities: _e, reply_markup: _r, ...rest } = m
  stored.message = {
    ...rest,
    text: parsed.text,
    edit_date: state.unixNow(),
    ...(parsed.entities.length > 0 ? { entities: parsed.entities } : {}),
    ...(markup === undefined ? {} : { reply_markup: markup }),
  }
  stored.edits++
  state.recordVisible(messageEvent('edit', stored.message))
  return stored.message
}

const EditCaptionSchema = z.looseObject({
  ...Target,
  caption: str.optional(),
  parse_mode: str.optional(),
  caption_entities: entities.optional(),
  reply_markup: replyMarkup,
})

export const editMessageCaption: MethodHandler = ({ state, params }) => {
  const p = parseParams(EditCaptionSchema, params)
  const { chat, messageId } = target(state, p)
  const parsed = formatCaption({
    text: p.caption ?? '',
    parseMode: p.parse_mode,
    entities: p.caption_entities,
  })
  const markup = readReplyMarkup(p.reply_markup, true)
  const stored = editableMessage(chat, messageId)
  const m = stored.message
  if (m.text !== undefined) throw badRequest('there is no caption in the message to edit')
  if (
    (m.caption ?? '') === parsed.text &&
    sameJson(m.caption_entities ?? [], parsed.entities) &&
    sameJson(m.reply_markup, markup)
  ) {
    throw badRequest(NOT_MODIFIED)
  }
  state.flood.take(chat.chat.id, 'send')
  const { caption: _c, caption_entities: _e, reply_markup: _r, ...rest } = m
  stored.message = {
    ...rest,
    edit_date: state.unixNow(),
    ...(parsed.text === '' ? {} : { caption: parsed.text }),
    ...(parsed.entities.length > 0 ? { caption_entities: parsed.entities } : {}),
    ...(markup === undefined ? {} : { reply_markup: markup }),
  }
  stored.edits++
  state.recordVisible(messageEvent('edit', stored.message))
  return stored.message
}

export const editMessageReplyMarkup: MethodHandler = ({ state, params }) => {
  const p = parseParams(z.looseObject({ ...Target, reply_markup: replyMarkup }), params)
  const { chat, messageId } = target(state, p)
  const markup = readReplyMarkup(p.reply_markup, true)
  const stored = editableMessage(chat, messageId)
  if (sameJson(stored.message.reply_markup, markup)) throw badRequest(NOT_MODIFIED)
  state.flood.take(chat.chat.id, 'send')
  const { reply_markup: _r, ...rest } = stored.message
  stored.message = {
    ...rest,
    edit_date: state.unixNow(),
    ...(markup === undefined ? {} : { reply_markup: markup }),
  }
  stored.edits++
  state.recordVisible(messageEvent('edit', stored.message))
  return stored.message
}

const DELETE_WINDOW_SECONDS = 48 * 60 * 60

export const deleteMessage: MethodHandler = ({ state, params }) => {
  const p = parseParams(z.looseObject({ chat_id: chatId, message_id: int }), params)
  const chat = state.chats.require(p.chat_id)
  const stored = chat.messages.get(p.message_id)
  if (stored === undefined) throw badRequest('message to delete not found')
  if (state.unixNow() - stored.message.date > DELETE_WINDOW_SECONDS) {
    throw badRequest("message can't be deleted for everyone")
  }
  chat.messages.delete(p.message_id)
  return true
}
