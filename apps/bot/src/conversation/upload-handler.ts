/**
 * Documents and photos: saved into the active session's `uploads/` and passed to Claude as a prompt
 * (the caption, or a plain note) naming their paths. Photos are saved at their largest size as .jpg.
 * An album (items sharing a media_group_id) is collected and becomes ONE prompt listing every file.
 */

import type { SessionMetadata } from '@switchboard/core'
import type { Context } from 'telegraf'
import type { Message, PhotoSize } from 'telegraf/types'
import {
  type SavedUpload,
  saveUpload,
  TELEGRAM_DOWNLOAD_LIMIT,
  UploadDownloadError,
  UploadTooLargeError,
  uploadPrompt,
} from '../files/uploads.js'
import { MediaGroups } from './media-groups.js'
import { type MessageHandlerDeps, runPrompt } from './message-handler.js'

interface IncomingFile {
  fileId: string
  fileName: string
  bytes: number | undefined
  caption: string | undefined
}

export interface UploadHandlerDeps extends MessageHandlerDeps {
  /** For tests; default global fetch. */
  fetch?: typeof fetch
  /** How long an album waits for more items after its last one (default 1 s). */
  albumWindowMs?: number
}

/** What file a message carries, if it is a document or a photo. */
export function incomingFile(message: Message, now = new Date()): IncomingFile | undefined {
  const caption = 'caption' in message ? message.caption : undefined
  if ('document' in message) {
    const d = message.document
    return { fileId: d.file_id, fileName: d.file_name ?? 'file', bytes: d.file_size, caption }
  }
  if ('photo' in message) {
    const best = largest(message.photo)
    if (!best) return undefined
    const stamp = now.toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-')
    return { fileId: best.file_id, fileName: `photo-${stamp}.jpg`, bytes: best.file_size, caption }
  }
  return undefined
}

export function createUploadHandler(deps: UploadHandlerDeps) {
  const albums = new MediaGroups<{ file: IncomingFile; messageId: number }>(deps.albumWindowMs)
  return async (ctx: Context, next: () => Promise<void>): Promise<void> => {
    const message = ctx.message
    const from = ctx.from
    const chat = ctx.chat
    const file = message && incomingFile(message)
    if (!message || !from || !chat || !file) return next()
    const source = { userId: from.id, chatId: chat.id, messageId: message.message_id }
    const groupId = 'media_group_id' in message ? message.media_group_id : undefined
    // An album's first item takes the chat's turn in order and waits there for the others.
    const collected =
      groupId === undefined
        ? Promise.resolve([{ file, messageId: message.message_id }])
        : albums.add(`${chat.id}:${groupId}`, { file, messageId: message.message_id })
    if (!collected) return
    void deps.order.run(chat.id, async () => {
      const items = await collected
      await runPrompt(deps, source, async (session) => {
        const saved: SavedUpload[] = []
        // One after another: names stay in the album's order, and a failure stops the rest.
        for (const item of items) saved.push(await download(deps, ctx, item.file, session))
        deps.logger.info(
          { userId: from.id, files: saved.length, bytes: saved.reduce((n, f) => n + f.bytes, 0) },
          'saved uploads',
        )
        const captions = items.map((i) => i.file.caption?.trim()).filter(Boolean)
        return uploadPrompt(captions.join('\n\n') || undefined, saved)
      })
    })
  }
}

async function download(
  deps: UploadHandlerDeps,
  ctx: Context,
  file: IncomingFile,
  session: SessionMetadata,
): Promise<SavedUpload> {
  if (file.bytes !== undefined && file.bytes > TELEGRAM_DOWNLOAD_LIMIT)
    throw new UploadTooLargeError(file.bytes)
  const url = await ctx.telegram.getFileLink(file.fileId).catch((error: unknown) => {
    if (/too big/i.test(String((error as Error).message))) throw new UploadTooLargeError(file.bytes)
    throw new UploadDownloadError((error as Error).message)
  })
  return saveUpload({
    url,
    fileName: file.fileName,
    workingDirectory: session.workingDirectory,
    fetch: deps.fetch,
  })
}

function largest(sizes: readonly PhotoSize[]): PhotoSize | undefined {
  let best: PhotoSize | undefined
  for (const size of sizes) {
    const area = (s: PhotoSize) => s.file_size ?? s.width * s.height
    if (!best || area(size) > area(best)) best = size
  }
  return best
}
