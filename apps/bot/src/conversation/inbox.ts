/**
 * The durable inbox: every user message the bot accepts gets an entry on disk before the update is
 * confirmed to Telegram, and keeps it until the turn's outcome is safe (saved by the finals journal,
 * or told). The entry follows the message: queued → running (Claude Code got it) → removed, or, after
 * a restart, cut (waiting for Run again). Only `accept` and `requeue` wait for the disk; the other
 * changes are written in the background (in order, per entry) and failures are logged.
 */

import { randomUUID } from 'node:crypto'
import type { Logger } from '../logging/logger.js'
import { type InboxEntry, newToken, nextSeq, type UploadFile } from './inbox-entry.js'
import type { InboxStore } from './inbox-store.js'

export type NewEntry = Pick<
  InboxEntry,
  | 'userId'
  | 'chatId'
  | 'threadId'
  | 'owner'
  | 'sessionId'
  | 'sessionName'
  | 'replyTo'
  | 'prompt'
  | 'files'
>

export interface InboxOptions {
  store: InboxStore
  logger: Logger
  /** Identifies this run of the bot; default a random id. */
  boot?: string
}

export class Inbox {
  readonly boot: string
  /** Entries whose outcome is safe: a late change (a progress message replaced as the answer went out) must not write them back. */
  private readonly finished = new WeakSet<object>()
  /** Chat messages an earlier run had accepted (`chatId:messageId`), see `recall`. */
  private readonly earlier = new Set<string>()

  constructor(private readonly options: InboxOptions) {
    this.boot = options.boot ?? randomUUID()
  }

  get store(): InboxStore {
    return this.options.store
  }

  /**
   * Records an accepted message; resolves once it is on disk. If the disk refuses (full, read-only)
   * the message still runs from memory: logged as an error, it is then lost only if the bot restarts.
   */
  async accept(input: NewEntry): Promise<InboxEntry> {
    const entry: InboxEntry = {
      version: 1,
      id: newToken(),
      seq: nextSeq(),
      boot: this.boot,
      state: 'queued',
      ...input,
      acceptedAt: new Date().toISOString(),
    }
    await this.persist(entry, true)
    return entry
  }

  /**
   * Start-up: an entry an earlier run left. Its message is remembered, because Telegram sends an
   * update again when the bot died after writing the entry but before confirming the update.
   */
  recall(entry: InboxEntry): void {
    const ids = [entry.replyTo, ...(entry.files ?? []).map((f) => f.messageId)]
    for (const id of ids) if (id !== undefined) this.earlier.add(`${entry.chatId}:${id}`)
  }

  /** Whether an earlier run already accepted this message (a redelivered update: not run twice). */
  accepted(chatId: number, messageId: number | undefined): boolean {
    return messageId !== undefined && this.earlier.has(`${chatId}:${messageId}`)
  }

  /** One more item of an album: resolves once it is on disk with the others. */
  async addFile(entry: InboxEntry, file: UploadFile): Promise<void> {
    entry.files = [...(entry.files ?? []), file]
    await this.persist(entry, true)
  }

  /** An upload's prompt, once its files are saved (a restart then needs no second download). */
  setPrompt(entry: InboxEntry, prompt: string): void {
    entry.prompt = prompt
    void this.persist(entry)
  }

  /**
   * Claude Code gets the message now: from here on a restart cuts it off (Run again) instead of
   * running it again by itself, which could repeat what the model already did. Resolves once saved.
   */
  async started(entry: InboxEntry): Promise<void> {
    if (entry.state !== 'queued') return
    entry.state = 'running'
    entry.startedAt = new Date().toISOString()
    await this.persist(entry, true)
  }

  /** The turn's live message appeared (a restart edits it to say the turn was cut off). */
  shown(entry: InboxEntry, messageId: number): void {
    if (entry.liveMessageId === messageId) return
    entry.liveMessageId = messageId
    void this.persist(entry)
  }

  /** The message's outcome is safe: forget it. */
  async done(entry: InboxEntry): Promise<void> {
    if (this.finished.has(entry)) return
    this.finished.add(entry)
    await this.options.store
      .remove(entry)
      .catch((error: unknown) =>
        this.options.logger.warn(
          { err: error, entry: entry.id },
          'inbox: could not remove an entry',
        ),
      )
  }

  /** Cut off by a restart: waits for Run again until `expiresAt` (the button's token is kept). */
  async cut(entry: InboxEntry, expiresAt: Date): Promise<void> {
    entry.state = 'cut'
    entry.cut = { token: entry.cut?.token ?? newToken(), expiresAt: expiresAt.toISOString() }
    await this.persist(entry, true)
  }

  /** The user was shown that it was cut off (a later restart only restores its button). */
  told(entry: InboxEntry): void {
    if (!entry.cut || entry.cut.toldAt) return
    entry.cut.toldAt = new Date().toISOString()
    void this.persist(entry)
  }

  /** Run again (or a restart's late run): the entry becomes this run's, queued at the end of the line. */
  async requeue(entry: InboxEntry): Promise<void> {
    entry.state = 'queued'
    entry.boot = this.boot
    entry.seq = nextSeq()
    delete entry.cut
    delete entry.liveMessageId
    delete entry.startedAt
    await this.persist(entry, true)
  }

  private async persist(entry: InboxEntry, wait = false): Promise<void> {
    if (this.finished.has(entry)) return
    const written = this.options.store.write(entry).catch((error: unknown) => {
      this.options.logger.error(
        { err: error, sessionId: entry.sessionId, entry: entry.id },
        'inbox: could not save a message; it runs from memory and would be lost by a restart',
      )
    })
    if (wait) await written
  }
}
