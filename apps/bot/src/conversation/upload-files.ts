/**
 * An upload's prompt, built when its turn is prepared (not when the message arrives, so the handler
 * never waits for a download): each file is fetched from Telegram (getFile through the Outbox, then
 * the file server) into the session's `uploads/`, and the prompt names their paths; images among
 * them also go to Claude as image blocks (upload-images.ts). A session bound to a project keeps its
 * uploads in its own directory, outside the project (its git tree stays clean), and Claude is told
 * their absolute paths. Telegram's file ids stay valid, so this also works after a restart for an
 * upload that was accepted before it.
 */

import { realpath, stat } from 'node:fs/promises'
import { isAbsolute, join } from 'node:path'
import { isInside } from '@switchboard/core'
import { z } from 'zod'
import type { BotConfig } from '../config/env.js'
import {
  type SavedUpload,
  saveUpload,
  TELEGRAM_DOWNLOAD_LIMIT,
  UPLOADS_DIR,
  UploadDownloadError,
  UploadTooLargeError,
  uploadPrompt,
} from '../files/uploads.js'
import type { Logger } from '../logging/logger.js'
import type { Outbox } from '../telegram/outbox.js'
import type { ImageRef, UploadFile } from './inbox-entry.js'
import type { SessionTarget } from './submitter.js'
import { classifyImages } from './upload-images.js'

const DEFAULT_API_ROOT = 'https://api.telegram.org'
const TelegramFile = z.object({ file_path: z.string().min(1).optional() })

export interface UploadFilesDeps {
  outbox: Outbox
  config: Pick<BotConfig, 'TELEGRAM_BOT_TOKEN' | 'TELEGRAM_API_ROOT'>
  logger: Logger
  /** For tests; default global fetch. */
  fetch?: typeof fetch
  /** Where a session keeps its own files (core's `sessionDirectory`): bound projects' uploads go there. */
  sessionDirectory?: (owner: string, id: string) => string
  /** Downloads started early (createEarlySave), by file; the turn takes them instead of downloading. */
  early?: Map<string, Promise<SavedUpload>>
}

/** One file an early save tried: saved (`file.saved` set), or why not. */
export type EarlySaveResult = { file: UploadFile; error?: unknown }

/** An upload ready to send: the prompt's text, its images, and what the user is told about them. */
export interface PreparedUpload {
  text: string
  images: ImageRef[]
  /** E.g. why an image went as a path only. */
  notices: string[]
}

/** Saves the files (one after another: names keep the album's order, a failure stops the rest). */
export function createUploadPrompt(deps: UploadFilesDeps) {
  return async (files: UploadFile[], session: SessionTarget): Promise<PreparedUpload> => {
    const place = uploadPlace(deps, session)
    const saved: SavedUpload[] = []
    for (const file of files) saved.push(await download(deps, file, place.base))
    deps.logger.info(
      { sessionId: session.id, files: saved.length, bytes: saved.reduce((n, f) => n + f.bytes, 0) },
      'saved uploads',
    )
    const { described, images, notices } = await classifyImages(files, saved, deps.logger)
    const shown = described.map((f) => (place.absolute ? { ...f, shownPath: f.path } : f))
    const captions = files.map((f) => f.caption?.trim()).filter(Boolean)
    return { text: uploadPrompt(captions.join('\n\n') || undefined, shown), images, notices }
  }
}

/**
 * Saves files now, before their turn (an upload waiting for instructions is saved at once): each
 * result carries the file with `saved` set, or the error. Never rejects.
 */
export function createEarlySave(deps: UploadFilesDeps) {
  return async (files: UploadFile[], session: SessionTarget): Promise<EarlySaveResult[]> => {
    const { base } = uploadPlace(deps, session)
    const results: EarlySaveResult[] = []
    for (const file of files) {
      const key = fileKey(file)
      const run = fetchFile(deps, file, base)
      // Kept until its turn takes it: a turn prepared before `saved` is on disk must not save it twice.
      deps.early?.set(key, run)
      try {
        const saved = await run
        results.push({
          file: {
            ...file,
            saved: { ...saved, path: saved.path ?? join(base, saved.relativePath) },
          },
        })
      } catch (error) {
        deps.early?.delete(key)
        results.push({ file, error })
      }
    }
    return results
  }
}

function fileKey(file: UploadFile): string {
  return `${file.messageId}:${file.fileId}`
}

/**
 * Where a session's uploads go: `uploads/` in its working directory (a workspace: Claude is told the
 * relative path), or in the session's own directory when it is bound to a project (absolute path).
 */
export function uploadPlace(deps: UploadFilesDeps, session: SessionTarget) {
  const { owner, boundToProject } = session
  if (boundToProject && owner !== undefined && deps.sessionDirectory) {
    return { base: deps.sessionDirectory(owner, session.id), absolute: true }
  }
  return { base: session.workingDirectory, absolute: false }
}

export async function download(
  deps: UploadFilesDeps,
  file: UploadFile,
  base: string,
): Promise<SavedUpload> {
  const kept = await savedCopy(file, base)
  if (kept) return kept
  const early = deps.early?.get(fileKey(file))
  if (early) {
    deps.early?.delete(fileKey(file))
    const saved = await early.catch(() => undefined)
    if (saved) return saved
  }
  return fetchFile(deps, file, base)
}

/** Downloads the file from Telegram into `<base>/uploads/`. */
async function fetchFile(
  deps: UploadFilesDeps,
  file: UploadFile,
  base: string,
): Promise<SavedUpload> {
  if (file.bytes !== undefined && file.bytes > TELEGRAM_DOWNLOAD_LIMIT)
    throw new UploadTooLargeError(file.bytes)
  const url = await fileLink(deps, file.fileId).catch((error: unknown) => {
    if (/too big/i.test(String((error as Error).message))) throw new UploadTooLargeError(file.bytes)
    throw new UploadDownloadError((error as Error).message, file.fileName)
  })
  // saveUpload has a deadline: a stuck download must not hold up the session's later messages.
  return saveUpload({
    url,
    fileName: file.fileName,
    workingDirectory: base,
    fetch: deps.fetch,
  })
}

/** The copy saved early, if it is still where it was put (inside `uploads/`, same size). */
async function savedCopy(file: UploadFile, base: string): Promise<SavedUpload | undefined> {
  const saved = file.saved
  if (!saved) return undefined
  try {
    const [dir, real] = await Promise.all([realpath(join(base, UPLOADS_DIR)), realpath(saved.path)])
    const info = await stat(real)
    if (!isInside(dir, real) || !info.isFile() || info.size !== saved.bytes) return undefined
    return saved
  } catch {
    return undefined
  }
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
