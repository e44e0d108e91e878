/**
 * Files sent without a caption wait here for the user to say what to do with them: each session has
 * `<session dir>/pending-files.json` with their Telegram references (written before the update is
 * confirmed, so a restart keeps them). The user is asked once per upload (an album: once for all
 * of it); the session's next prompt — text, or a captioned upload — runs with every waiting file
 * attached, in one turn. They leave the file only once the turn's inbox entry holding them is on
 * disk: a crash in between may attach them twice, never lose them.
 */

import { join } from 'node:path'
import { readJsonFile, writeJsonAtomic } from '@switchboard/core'
import { z } from 'zod'
import type { Logger } from '../logging/logger.js'
import type { ChatPlace } from '../telegram/chat-place.js'
import type { Outbox } from '../telegram/outbox.js'
import { type UploadFile, UploadFileSchema } from './inbox-entry.js'
import { sendOrLog } from './telegram-calls.js'

export const PENDING_FILES_FILE = 'pending-files.json'
/** As many as one inbox entry may hold. */
export const MAX_PENDING_FILES = 100

const PendingFilesSchema = z.object({
  version: z.literal(1),
  files: z.array(UploadFileSchema).max(MAX_PENDING_FILES),
})

export interface PendingFilesOptions {
  sessionDirectory: (owner: string, id: string) => string
  outbox: Outbox
  logger: Logger
}

/** A session, as far as its waiting files go. */
export interface PendingKey {
  owner: string
  sessionId: string
}

export class PendingFiles {
  private readonly chains = new Map<string, Promise<unknown>>()

  constructor(private readonly options: PendingFilesOptions) {}

  /** Whether an upload waits for instructions: none of its files has a caption. */
  static uncaptioned(files: readonly UploadFile[]): boolean {
    return files.length > 0 && files.every((f) => !f.caption?.trim())
  }

  /** Adds files (a redelivered message is not added twice); resolves once on disk. */
  add(key: PendingKey, files: readonly UploadFile[]): Promise<void> {
    return this.update(key, (waiting) => {
      const known = new Set(waiting.map(id))
      const added = files.filter((f) => !known.has(id(f)))
      const all = [...waiting, ...added]
      if (all.length > MAX_PENDING_FILES) {
        throw new Error(`more than ${MAX_PENDING_FILES} files are waiting for instructions`)
      }
      return all
    })
  }

  /** The files waiting, oldest first (a damaged file is logged and counts as none). */
  list(key: PendingKey): Promise<UploadFile[]> {
    return this.serial(key, () => this.read(key))
  }

  /** Records where files were saved (`saved`), for those still waiting. */
  markSaved(key: PendingKey, saved: readonly UploadFile[]): Promise<void> {
    const byId = new Map(saved.map((f) => [id(f), f]))
    return this.update(key, (waiting) => waiting.map((f) => byId.get(id(f)) ?? f))
  }

  /** Forgets these files (they are in an inbox entry now, or could not be saved). */
  remove(key: PendingKey, taken: readonly UploadFile[]): Promise<void> {
    const gone = new Set(taken.map(id))
    return this.update(key, (waiting) => waiting.filter((f) => !gone.has(id(f))))
  }

  /** "Got report.pdf. What should I do with it?", as a reply to the upload. */
  async ask(place: ChatPlace, replyTo: number | undefined, files: readonly UploadFile[]) {
    const names = files.map((f) => f.fileName)
    const listed =
      names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`
    const them = names.length === 1 ? 'it' : 'them'
    await sendOrLog(
      this.options,
      place.chatId,
      `Got ${listed}. What should I do with ${them}? Your next message runs with ${them} attached.`,
      { threadId: place.threadId, replyTo },
      'could not ask what to do with an upload',
    )
  }

  private update(key: PendingKey, change: (waiting: UploadFile[]) => UploadFile[]): Promise<void> {
    return this.serial(key, async () => {
      const next = change(await this.read(key))
      await writeJsonAtomic(this.path(key), { version: 1, files: next })
    })
  }

  private async read(key: PendingKey): Promise<UploadFile[]> {
    const read = await readJsonFile(this.path(key), PendingFilesSchema)
    if (read.ok) return read.value.files
    if (!read.missing) {
      this.options.logger.warn(
        { path: this.path(key), reason: read.reason },
        'pending files unreadable',
      )
    }
    return []
  }

  private path(key: PendingKey): string {
    return join(this.options.sessionDirectory(key.owner, key.sessionId), PENDING_FILES_FILE)
  }

  // One change at a time per session: read-modify-write must not interleave.
  private serial<T>(key: PendingKey, task: () => Promise<T>): Promise<T> {
    const k = `${key.owner}/${key.sessionId}`
    const run = (this.chains.get(k) ?? Promise.resolve()).catch(() => {}).then(task)
    this.chains.set(k, run)
    void run
      .finally(() => {
        if (this.chains.get(k) === run) this.chains.delete(k)
      })
      .catch(() => {})
    return run
  }
}

/**
 * How many files wait in the session whose own directory is `dir` (for /status). Read outside the
 * per-session chain: writes are atomic, so it sees one whole version. A damaged file counts none.
 */
export async function waitingFileCount(dir: string): Promise<number> {
  const read = await readJsonFile(join(dir, PENDING_FILES_FILE), PendingFilesSchema)
  return read.ok ? read.value.files.length : 0
}

function id(file: UploadFile): string {
  return `${file.messageId}:${file.fileId}`
}
