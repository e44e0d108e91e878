/**
 * One accepted user message as the inbox keeps it on disk (`<session dir>/inbox/<id>.json`):
 * everything needed to run it again after a restart, and where it got to.
 * - `queued`: accepted, not yet handed to Claude Code (a restart runs it, late);
 * - `running`: Claude Code got it (a restart cuts it off: its live message is ended, with Run again);
 * - `cut`: cut off by a restart and told (or about to be), waiting for Run again until `cut.expiresAt`.
 */

import { randomBytes } from 'node:crypto'
import { IMAGE_MEDIA_TYPES } from '@switchboard/process'
import { z } from 'zod'
import { AudioInfoSchema } from '../voice/voice-file.js'

export const INBOX_DIR = 'inbox'
export const ENTRY_FILE_SUFFIX = '.json'

/** Entry ids and button tokens: base64url, also valid callback group tokens (callback-data.ts). */
const Token = z.string().regex(/^[A-Za-z0-9_-]{12,32}$/)
const Iso = z.iso.datetime()

/** A document or photo of an upload; its bytes are fetched from Telegram when the turn is prepared. */
export const UploadFileSchema = z.object({
  fileId: z.string().min(1).max(512),
  fileName: z.string().min(1).max(1024),
  bytes: z.number().int().nonnegative().optional(),
  caption: z.string().max(8192).optional(),
  messageId: z.number().int(),
  /** The MIME type the user's client declared (documents); photos are JPEG. */
  mimeType: z.string().max(255).optional(),
  /** Saved already (while it waited for instructions): the turn uses this copy if it is still there. */
  saved: z
    .object({
      relativePath: z.string().min(1).max(4096),
      path: z.string().min(1).max(4096),
      bytes: z.number().int().nonnegative(),
    })
    .optional(),
  /** A voice note or audio file: transcribed when the turn is prepared (voice/voice-prompt.ts). */
  audio: AudioInfoSchema.optional(),
})
export type UploadFile = z.output<typeof UploadFileSchema>

/** A saved upload that goes to Claude as an image too (read again when the turn is sent). */
export const ImageRefSchema = z.object({
  path: z.string().min(1).max(4096),
  mediaType: z.enum(IMAGE_MEDIA_TYPES),
})
export type ImageRef = z.output<typeof ImageRefSchema>

export const InboxEntrySchema = z
  .object({
    version: z.literal(1),
    id: Token,
    /** Acceptance order: increasing within a run and (clock permitting) across runs. */
    seq: z.number().int().nonnegative(),
    /** The run of the bot that accepted (or re-queued) it. */
    boot: z.string().min(1).max(64),
    state: z.enum(['queued', 'running', 'cut']),
    userId: z.number().int(),
    chatId: z.number().int(),
    /** The topic the message came from (private chats with topics): the turn answers there. */
    threadId: z.number().int().positive().optional(),
    owner: z.string().min(1).max(64),
    sessionId: z.string().min(1).max(64),
    sessionName: z.string().min(1).max(256),
    /** The user's message (replies quote it). */
    replyTo: z.number().int().optional(),
    /** The prompt; for uploads set once the files are saved. */
    prompt: z.string().max(1_000_000).optional(),
    files: z.array(UploadFileSchema).max(100).optional(),
    /** An upload's images, once saved: sent with `prompt` as image blocks. */
    images: z.array(ImageRefSchema).max(100).optional(),
    /** The turn's live progress message, once shown (a restart edits it). */
    liveMessageId: z.number().int().optional(),
    acceptedAt: Iso,
    startedAt: Iso.optional(),
    cut: z.object({ token: Token, expiresAt: Iso, toldAt: Iso.optional() }).optional(),
  })
  .refine((e) => e.prompt !== undefined || (e.files?.length ?? 0) > 0, {
    message: 'an entry needs a prompt or files',
  })
export type InboxEntry = z.output<typeof InboxEntrySchema>

/** A fresh entry id or button token (12 base64url characters, 72 random bits). */
export function newToken(): string {
  return randomBytes(9).toString('base64url')
}

let lastSeq = 0
/** Microseconds since the epoch, strictly increasing within this process. */
export function nextSeq(): number {
  lastSeq = Math.max(Date.now() * 1000, lastSeq + 1)
  return lastSeq
}
