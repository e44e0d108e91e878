/**
 * Durable record of the turns a session has in flight: `<session dir>/inflight.json`, one entry per
 * message from the moment it is submitted until its answer (or error) was delivered. An entry left
 * by an earlier run of the bot (a restart, even kill -9) means that message was cut off; the next
 * message to the session finds it and tells the user. Writes are atomic and serialized per file;
 * failures are logged, never thrown into a turn.
 */

import { randomUUID } from 'node:crypto'
import { readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import writeFileAtomic from 'write-file-atomic'
import { z } from 'zod'
import type { Logger } from '../logging/logger.js'

export const INFLIGHT_FILE_NAME = 'inflight.json'

const EntrySchema = z.object({
  key: z.string(),
  /** Which run of the bot recorded it. */
  boot: z.string(),
  /** The start of the message, for "Your previous message '…'". */
  prompt: z.string(),
  startedAt: z.string(),
})
const FileSchema = z.object({ turns: z.array(EntrySchema) })

export type InflightEntry = z.output<typeof EntrySchema>

export interface InflightStoreOptions {
  sessionDirectory: (owner: string, id: string) => string
  logger: Logger
  /** Identifies this run of the bot; default a random id. */
  boot?: string
}

export class InflightStore {
  readonly boot: string
  private readonly tails = new Map<string, Promise<unknown>>()

  constructor(private readonly options: InflightStoreOptions) {
    this.boot = options.boot ?? randomUUID()
  }

  /** Records a submitted message; resolves with its key (for `remove`). */
  add(owner: string, sessionId: string, prompt: string): { key: string; written: Promise<void> } {
    const key = randomUUID()
    const entry = {
      key,
      boot: this.boot,
      prompt: prompt.slice(0, 200),
      startedAt: new Date().toISOString(),
    }
    const written = this.change(owner, sessionId, (turns) => [...turns, entry]).then(() => {})
    return { key, written }
  }

  /** Forgets a message whose answer was delivered. */
  async remove(owner: string, sessionId: string, key: string): Promise<void> {
    await this.change(owner, sessionId, (turns) => turns.filter((t) => t.key !== key))
  }

  /** Entries an earlier run of the bot left behind (cut-off turns); they are removed. */
  async takeInterrupted(owner: string, sessionId: string): Promise<InflightEntry[]> {
    let taken: InflightEntry[] = []
    await this.change(owner, sessionId, (turns) => {
      taken = turns.filter((t) => t.boot !== this.boot)
      return turns.filter((t) => t.boot === this.boot)
    })
    return taken
  }

  /** Resolves when every change started so far is on disk. */
  async idle(): Promise<void> {
    await Promise.all([...this.tails.values()])
  }

  private change(
    owner: string,
    sessionId: string,
    edit: (turns: InflightEntry[]) => InflightEntry[],
  ): Promise<unknown> {
    let path: string
    try {
      path = join(this.options.sessionDirectory(owner, sessionId), INFLIGHT_FILE_NAME)
    } catch (error) {
      this.options.logger.warn({ err: error, sessionId }, 'inflight: unknown session')
      return Promise.resolve()
    }
    const run = async () => {
      const before = await this.read(path)
      const after = edit(before)
      if (after.length === before.length) return // nothing changed (edits only add or remove)
      this.options.logger.debug(
        { path, before: before.length, after: after.length },
        'inflight.json changed',
      )
      if (after.length === 0) await rm(path, { force: true })
      else await writeFileAtomic(path, `${JSON.stringify({ turns: after })}\n`, { mode: 0o600 })
    }
    const next = (this.tails.get(path) ?? Promise.resolve()).then(run).catch((error: unknown) => {
      this.options.logger.warn({ err: error, path }, 'could not update inflight.json')
    })
    this.tails.set(path, next)
    void next.then(() => {
      if (this.tails.get(path) === next) this.tails.delete(path)
    })
    return next
  }

  private async read(path: string): Promise<InflightEntry[]> {
    let text: string
    try {
      text = await readFile(path, 'utf8')
    } catch {
      return []
    }
    try {
      const parsed = FileSchema.safeParse(JSON.parse(text))
      if (parsed.success) return parsed.data.turns
    } catch {}
    this.options.logger.warn({ path }, 'inflight.json is unreadable; starting afresh')
    return []
  }
}
