/**
 * Documents and photos: saved into the active session's `uploads/` and passed to Claude as a prompt
 * (the caption, or a plain note) naming their paths. Photos are saved at their largest size as .jpg.
 */

import type { Context } from 'telegraf'
import type { Message, PhotoSize } from 'telegraf/types'
import {
  saveUpload,
  TELEGRAM_DOWNLOAD_LIMIT,
  UploadDownloadError,
  UploadTooLargeError,
  uploadPrompt,
} from '../files/uploads.js'
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
  return async (ctx: Context, next: () => Promise<void>): Promise<void> => {
    const message = ctx.message
    const from = ctx.from
    const chat = ctx.chat
    const file = message && incomingFile(message)
    if (!message || !from || !chat || !file) return next()
    const source = { userId: from.id, chatId: chat.id, messageId: message.message_id }
    void deps.order.run(chat.id, () =>
      runPrompt(deps, source, async (session) => {
        if (file.bytes !== undefined && file.bytes > TELEGRAM_DOWNLOAD_LIMIT)
          throw new UploadTooLargeError(file.bytes)
        const url = await ctx.telegram.getFileLink(file.fileId).catch((error: unknown) => {
          if (/too big/i.test(String((error as Error).message)))
            throw new UploadTooLargeError(file.bytes)
          throw new UploadDownloadError((error as Error).message)
        })
        const saved = await saveUpload({
          url,
          fileName: file.fileName,
          workingDirectory: session.workingDirectory,
          fetch: deps.fetch,
        })
        deps.logger.info({ userId: from.id, bytes: saved.bytes }, 'saved an upload')
        return uploadPrompt(file.caption, [saved])
      }),
    )
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
