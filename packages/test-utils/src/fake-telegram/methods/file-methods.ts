import { z } from 'zod'
import { badRequest, TelegramApiError } from '../errors.js'
import type { FakeState } from '../fake-state.js'
import { entities, parseParams, str } from '../request/param-schemas.js'
import { MAX_UPLOAD_BYTES, type UploadedFile } from '../request/read-params.js'
import { formatCaption } from '../text/format-text.js'
import type { Message, StoredFile } from '../types.js'
import { messageEvent } from '../visible-log.js'
import {
  chatId,
  checkReplyTarget,
  readReplyMarkup,
  replyMarkup,
  threadOf,
} from './common-params.js'
import type { MethodContext, MethodHandler } from './method.js'

/** Bots may download files up to 20 MB with getFile. */
export const MAX_DOWNLOAD_BYTES = 20 * 1024 * 1024
const MAX_PHOTO_BYTES = 10 * 1024 * 1024

const SendFileSchema = z.looseObject({
  chat_id: chatId,
  caption: str.optional(),
  parse_mode: str.optional(),
  caption_entities: entities.optional(),
  reply_markup: replyMarkup,
})

// An input file is an upload (multipart), an attach://name reference, or a known file_id.
function inputFile(ctx: MethodContext, field: 'document' | 'photo'): UploadedFile | StoredFile {
  const raw = ctx.params[field]
  const upload = ctx.files.get(
    typeof raw === 'string' && raw.startsWith('attach://') ? raw.slice('attach://'.length) : field,
  )
  if (upload !== undefined) {
    if (upload.bytes.length > MAX_UPLOAD_BYTES)
      throw new TelegramApiError(413, 'Request Entity Too Large')
    if (upload.bytes.length === 0) throw badRequest('file must be non-empty')
    return upload
  }
  if (typeof raw !== 'string' || raw === '') throw badRequest(`there is no ${field} in the request`)
  const known = ctx.state.files.byId(raw)
  if (known === undefined) throw badRequest('wrong file identifier/HTTP URL specified')
  return known
}

function sendFile(ctx: MethodContext, field: 'document' | 'photo'): Message {
  const { state } = ctx
  const p = parseParams(SendFileSchema, ctx.params)
  const chat = state.chats.require(p.chat_id)
  const thread = threadOf(state, chat, ctx.params)
  const caption = formatCaption({
    text: p.caption ?? '',
    parseMode: p.parse_mode,
    entities: p.caption_entities,
  })
  const markup = readReplyMarkup(p.reply_markup)
  checkReplyTarget(chat, ctx.params)
  const input = inputFile(ctx, field)
  if (field === 'photo' && input.bytes.length > MAX_PHOTO_BYTES)
    throw badRequest('PHOTO_SAVE_FILE_INVALID')
  state.flood.take(chat.chat.id, 'send')
  const file = 'fileId' in input ? input : storeUpload(state, field, input)
  const message = chat.add(
    {
      ...thread,
      from: state.bot,
      ...(field === 'document' ? { document: documentOf(file) } : { photo: [photoOf(file)] }),
      ...(caption.text === '' ? {} : { caption: caption.text }),
      ...(caption.entities.length > 0 ? { caption_entities: caption.entities } : {}),
      ...(markup === undefined ? {} : { reply_markup: markup }),
    },
    state.unixNow(),
    true,
  )
  state.recordVisible(messageEvent('message', message))
  return message
}

function storeUpload(
  state: FakeState,
  field: 'document' | 'photo',
  upload: UploadedFile,
): StoredFile {
  const folder = field === 'document' ? 'documents' : 'photos'
  return state.files.add(folder, upload.bytes, upload.name, upload.mimeType || undefined)
}

/** The Document object Telegram returns for a stored file. */
export function documentOf(file: StoredFile): NonNullable<Message['document']> {
  return {
    file_id: file.fileId,
    file_unique_id: file.fileUniqueId,
    file_size: file.bytes.length,
    ...(file.name === undefined ? {} : { file_name: file.name }),
    ...(file.mimeType === undefined ? {} : { mime_type: file.mimeType }),
  }
}

/** One PhotoSize; the fake does not decode images, so the size is nominal. */
export function photoOf(file: StoredFile): NonNullable<Message['photo']>[number] {
  return {
    file_id: file.fileId,
    file_unique_id: file.fileUniqueId,
    width: 800,
    height: 600,
    file_size: file.bytes.length,
  }
}

export const sendDocument: MethodHandler = (ctx) => sendFile(ctx, 'document')
export const sendPhoto: MethodHandler = (ctx) => sendFile(ctx, 'photo')

export const getFile: MethodHandler = ({ state, params }) => {
  const p = parseParams(z.looseObject({ file_id: str }), params)
  const file = state.files.byId(p.file_id)
  if (file === undefined) throw badRequest('invalid file_id')
  if (file.bytes.length > MAX_DOWNLOAD_BYTES) throw badRequest('file is too big')
  return {
    file_id: file.fileId,
    file_unique_id: file.fileUniqueId,
    file_size: file.bytes.length,
    file_path: file.filePath,
  }
}
