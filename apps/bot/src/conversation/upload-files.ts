/**
 * An upload's prompt, built when its turn is prepared (not when the message arrives, so the handler
 * never waits for a download): each file is fetched from Telegram (getFile through the Outbox, then
 * the file server) into the session's `uploads/`, and the prompt names their paths. Telegram's file
 * ids stay valid, so this also works after a restart for an upload that was accepted before it.
 */

import { isAbsolute } from 'node:path'
import { z } from 'zod'
import type { BotConfig } from '../config/env.js'
import {
  type SavedUpload,
  saveUpload,
  TELEGRAM_DOWNLOAD_LIMIT,
  UploadDownloadError,
  UploadTooLargeError,
  uploadPrompt,
} from '../files/uploads.js'
import type { Logger } from '../logging/logger.js'
import type { Outbox } from '../telegram/outbox.js'
import type { UploadFile } from './inbox-entry.js'
import type { SessionTarget } from './submitter.js'

const DEFAULT_API_ROOT = 'https://api.telegram.org'
const TelegramFile = z.object({ file_path: z.string().min(1).optional() })

export interface UploadFilesDeps {
  outbox: Outbox
  config: Pick<BotConfig, 'TELEGRAM_BOT_TOKEN' | 'TELEGRAM_API_ROOT'>
  logger: Logger
  /** For tests; default global fetch. */
  fetch?: typeof fetch
}

/** Saves the files (one after another: names keep the album's order, a failure stops the rest). */
export function createUploadPrompt(deps: UploadFilesDeps) {
  return async (files: UploadFile[], session: SessionTarget): Promise<string> => {
    const saved: SavedUpload[] = []
    for (const file of files) saved.push(await download(deps, file, session))
    deps.logger.info(
      { sessionId: session.id, files: saved.length, bytes: saved.reduce((n, f) => n + f.bytes, 0) },
      'saved uploads',
    )
    const captions = files.map((f) => f.caption?.trim()).filter(Boolean)
    return uploadPrompt(captions.join('\n\n') || undefined, saved)
  }
}

export async function download(
  deps: UploadFilesDeps,
  file: UploadFile,
  session: SessionTarget,
): Promise<SavedUpload> {
  if (file.bytes !== undefined && file.bytes > TELEGRAM_DOWNLOAD_LIMIT)
    throw new UploadTooLargeError(file.bytes)
  const url = await fileLink(deps, file.fileId).catch((error: unknown) => {
    if (/too big/i.test(String((error as Error).message))) throw new UploadTooLargeError(file.bytes)
    throw new UploadDownloadError((error as Error).message)
  })
  // saveUpload has a deadline: a stuck download must not hold up the session's later messages.
  return saveUpload({
    url,
    fileName: file.fileName,
    workingDirectory: session.workingDirectory,
    fetch: deps.fetch,
  })
}

/** The file's download URL (it carries the token: never log it), as Telegraf's getFileLink builds it. */
async function fileLink(deps: UploadFilesDeps, fileId: string): Promise<URL> {
  const { file_path: path } = TelegramFile.parse(
    await deps.outbox.call('getFile', { file_id: fileId }),
  )
  if (path === undefined) throw new Error('Telegram gave no file path')
  const root = deps.config.TELEGRAM_API_ROOT ?? DEFAULT_API_ROOT
  if (isAbsolute(path)) {
    // A local Bot API server returns where it keeps the file.
    const url = new URL(root)
    url.port = ''
    url.pathname = path
    url.protocol = 'file:'
    return url
  }
  return new URL(`./file/bot${deps.config.TELEGRAM_BOT_TOKEN}/${path}`, root)
}
