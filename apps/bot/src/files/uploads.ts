/**
 * Files the user sends: downloaded from Telegram (bots may download at most 20 MB) into `uploads/` of
 * a base directory — the session's working directory, or, for a session bound to a project, the
 * session's own directory (outside the project) — and described to Claude by their path.
 */

import { mkdir, realpath, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { isInside } from '@switchboard/core'
import { SESSION_UPLOADS_DIR } from '@switchboard/process'
import { refSuffix } from '../errors/error-ref.js'
import { excerpt } from '../render/truncate.js'
import { transferDeadlineMs } from '../telegram/deadlines.js'
import { isRealDirectory } from './saved-upload-file.js'
import { createUniqueFile, sanitizeFileName } from './uploads-name.js'

/** The same name the process package opens to a bound session's CLI (its sandbox and rules). */
export const UPLOADS_DIR = SESSION_UPLOADS_DIR
/** The Bot API's getFile limit for bots. */
export const TELEGRAM_DOWNLOAD_LIMIT = 20 * 1024 * 1024

/** The file is larger than bots may download. */
export class UploadTooLargeError extends Error {
  readonly code = 'UPLOAD_TOO_LARGE'
  override readonly name = 'UploadTooLargeError'
  constructor(readonly bytes: number | undefined) {
    super(
      `The file is ${bytes === undefined ? 'over 20 MB' : formatSize(bytes)}; Telegram only lets bots download files up to 20 MB.`,
    )
  }

  /** What the user is told. */
  get userMessage(): string {
    return `${this.message} Send a smaller (or compressed) file, or put it into the session's directory another way.`
  }
}

/**
 * The download from Telegram's file server failed. The reason ("fetch failed", "HTTP 404") is the
 * message, for the log; the chat is told what happened, in its words, with the log's reference.
 */
export class UploadDownloadError extends Error {
  readonly code = 'UPLOAD_DOWNLOAD_FAILED'
  override readonly name = 'UploadDownloadError'

  constructor(
    reason: string,
    readonly fileName: string,
  ) {
    // Download URLs carry the bot token: never let one into a message.
    super(reason.replace(/bot\d+:[\w-]+/g, 'bot<token>'))
  }

  /** What the user is told; `ref` names the log line with the reason. */
  chatText(ref?: string): string {
    return `Telegram didn’t let me download ${excerpt(this.fileName)}${ref === undefined ? '' : refSuffix(ref)}; please send it again.`
  }

  get userMessage(): string {
    return this.chatText()
  }
}

/** `uploads/` resolves outside the session's directory (a symlink): nothing is written through it. */
export class UploadOutsideError extends Error {
  readonly code = 'UPLOAD_OUTSIDE'
  override readonly name = 'UploadOutsideError'
  constructor() {
    super('uploads/ in the session’s directory points outside it (a symlink?)')
  }
  get userMessage(): string {
    return `The file was not saved: ${this.message}. Replace uploads/ with a plain directory and send the file again.`
  }
}

export interface SaveUploadInput {
  /** Download URL (getFileLink); it contains the bot token: never log it. */
  url: URL | string
  /** Name the user's client gave the file (sanitized here). */
  fileName: string
  /** The directory `uploads/` is made in: the session's working directory, or its own directory. */
  workingDirectory: string
  maxBytes?: number
  fetch?: typeof fetch
  /** Give up after this long (default: enough for `maxBytes` on a slow link, see deadlines.ts). */
  deadlineMs?: number
}

export interface SavedUpload {
  /** Relative to the base directory, e.g. "uploads/report.pdf". */
  relativePath: string
  bytes: number
  /** Absolute (as the base directory was given). */
  path?: string
}

/** How Claude got an uploaded image besides its path (`undefined`: not an image). */
export type ImageNote = 'attached' | 'too-big' | 'turn-full' | 'damaged'

/** A saved file as Claude's prompt names it. */
export interface PromptFile extends SavedUpload {
  /** The path Claude is told (default `relativePath`): absolute when outside its working directory. */
  shownPath?: string
  image?: ImageNote
}

/** Downloads the file into `<workingDirectory>/uploads/` under a fresh, safe name. */
export async function saveUpload(input: SaveUploadInput): Promise<SavedUpload> {
  const maxBytes = input.maxBytes ?? TELEGRAM_DOWNLOAD_LIMIT
  // A deadline, as for every Telegram call: a half-open connection must not hold the turn for minutes.
  const deadlineMs = input.deadlineMs ?? transferDeadlineMs(maxBytes)
  const signal = AbortSignal.timeout(deadlineMs)
  const timedOut = () =>
    new UploadDownloadError(`no answer within ${Math.round(deadlineMs / 1000)} s`, input.fileName)
  const response = await (input.fetch ?? fetch)(input.url, { signal }).catch((error: unknown) => {
    throw signal.aborted
      ? timedOut()
      : new UploadDownloadError((error as Error).message, input.fileName)
  })
  if (!response.ok || !response.body) {
    throw new UploadDownloadError(`HTTP ${response.status}`, input.fileName)
  }
  const declared = Number(response.headers.get('content-length') ?? Number.NaN)
  if (declared > maxBytes) throw new UploadTooLargeError(declared)
  const dir = join(input.workingDirectory, UPLOADS_DIR)
  await mkdir(dir, { recursive: true, mode: 0o700 })
  // Claude (or anyone with the project) can turn uploads/ into a symlink: never write through one.
  const [root, target] = await Promise.all([realpath(input.workingDirectory), realpath(dir)])
  if (!isInside(root, target)) throw new UploadOutsideError()
  const { name, handle } = await createUniqueFile(dir, sanitizeFileName(input.fileName))
  let bytes = 0
  try {
    // uploads/ swapped for a symlink between the check and the create: nothing is written there.
    if (!(await isRealDirectory(dir))) throw new UploadOutsideError()
    const body = Readable.fromWeb(response.body as import('node:stream/web').ReadableStream)
    body.on('data', (chunk: Buffer) => {
      bytes += chunk.length
      if (bytes > maxBytes) body.destroy(new UploadTooLargeError(undefined))
    })
    await pipeline(body, handle.createWriteStream())
  } catch (error) {
    await handle.close().catch(() => {})
    await rm(join(dir, name), { force: true })
    throw signal.aborted ? timedOut() : error
  }
  return { relativePath: `${UPLOADS_DIR}/${name}`, bytes, path: join(dir, name) }
}

const IMAGE_NOTES: Record<ImageNote, string> = {
  attached: 'image, attached above',
  'too-big': 'image, too large to attach: open the file to see it',
  'turn-full': 'image, not attached (too many images at once): open the file to see it',
  damaged: 'image, looks damaged or cut off: not attached',
}

/** The prompt Claude gets for uploaded files: the caption (or a plain note), then their paths. */
export function uploadPrompt(caption: string | undefined, files: readonly PromptFile[]): string {
  const text = caption?.trim() || 'The user sent a file.'
  const lines = files.map((f) => {
    const what = f.image ? `${formatSize(f.bytes)}, ${IMAGE_NOTES[f.image]}` : formatSize(f.bytes)
    return `Attached ${f.image ? 'image' : 'file'}: ${f.shownPath ?? f.relativePath} (${what})`
  })
  return `${text}\n\n${lines.join('\n')}`
}

/** "812 B", "12.3 KB", "4.0 MB". */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`
}
