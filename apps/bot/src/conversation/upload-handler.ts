/**
 * Documents and photos: saved into the active session's `uploads/` and passed to Claude as a prompt
 * (the caption) naming their paths, images also as image blocks (upload-images.ts). Without a
 * caption the user is asked what to do first (pending-files.ts). Photos are saved at their largest
 * size as .jpg.
 * An album (items sharing a media_group_id) is collected and becomes ONE prompt listing every file.
 *
 * When an upload counts as accepted: once its file reference (file id, name, size, caption) is in
 * the session's inbox on disk, which is before the handler returns and so before Telegram is told
 * the update was received. The bytes are fetched later, when the turn is prepared (upload-files.ts;
 * file ids stay valid, so that works after a restart too): the handler never waits for a download.
 * An album's first item creates the entry; each later item is added to it, on disk, before its own
 * update is confirmed. A restart while an album is still being collected runs what had arrived.
 */

import type { Context } from 'telegraf'
import type { Message, PhotoSize } from 'telegraf/types'
import { threadOf } from '../telegram/chat-place.js'
import { acceptFile } from './accept-file.js'
import type { UploadFile } from './inbox-entry.js'
import { MediaGroups } from './media-groups.js'
import type { MessageHandlerDeps } from './message-handler.js'
import { PendingFiles } from './pending-files.js'
import type { Accepted } from './submitter.js'

interface IncomingFile {
  fileId: string
  fileName: string
  bytes: number | undefined
  caption: string | undefined
  mimeType?: string
}

export interface UploadHandlerDeps extends MessageHandlerDeps {
  /** How long an album waits for more items after its last one (default 1 s). */
  albumWindowMs?: number
}

/** What file a message carries, if it is a document or a photo. */
export function incomingFile(message: Message, now = new Date()): IncomingFile | undefined {
  const caption = 'caption' in message ? message.caption : undefined
  if ('document' in message) {
    const d = message.document
    const mimeType = d.mime_type === undefined ? {} : { mimeType: d.mime_type }
    return {
      fileId: d.file_id,
      fileName: d.file_name ?? 'file',
      bytes: d.file_size,
      caption,
      ...mimeType,
    }
  }
  if ('photo' in message) {
    const best = largest(message.photo)
    if (!best) return undefined
    const stamp = now.toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-')
    const fileName = `photo-${stamp}.jpg`
    return {
      fileId: best.file_id,
      fileName,
      bytes: best.file_size,
      caption,
      mimeType: 'image/jpeg',
    }
  }
  return undefined
}

export function createUploadHandler(deps: UploadHandlerDeps) {
  const albums = new MediaGroups<Accepted>(deps.albumWindowMs)
  return async (ctx: Context, next: () => Promise<void>): Promise<void> => {
    const message = ctx.message
    const from = ctx.from
    const chat = ctx.chat
    const incoming = message && incomingFile(message)
    if (!message || !from || !chat || !incoming) return next()
    const threadId = threadOf(ctx)
    const source = { userId: from.id, chatId: chat.id, threadId, messageId: message.message_id }
    const file: UploadFile = { ...incoming, messageId: message.message_id }
    const groupId = 'media_group_id' in message ? message.media_group_id : undefined
    // No caption: saved and the user asked what to do; the next message runs with it (an album's
    // caption is on its first item, so the first item decides for the album).
    const askFirst = PendingFiles.uncaptioned([file])
    await acceptFile(deps, albums, source, file, { groupId, askFirst })
  }
}

function largest(sizes: readonly PhotoSize[]): PhotoSize | undefined {
  let best: PhotoSize | undefined
  for (const size of sizes) {
    const area = (s: PhotoSize) => s.file_size ?? s.width * s.height
    if (!best || area(size) > area(best)) best = size
  }
  return best
}
