/**
 * The final-outcome journal of a session: `<session dir>/outbox/<id>.json` (a FinalRecord) and,
 * for an answer sent as a file, `<id>.md` beside it (the bytes of the document). Written before
 * the first delivery attempt, rewritten as Telegram confirms each item, removed once all are.
 * Files are 0600 and written atomically (temp file, fsync, rename); the `.md` first, so a record
 * on disk always has its document. Reading never throws: a damaged record is logged and moved to
 * `outbox/damaged/` so it cannot block the ones behind it.
 */

import { mkdir, readdir, readFile, rename, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { readJsonFile, writeJsonAtomic, writePrivateFile } from '@switchboard/core'
import type { Logger } from '../logging/logger.js'
import { type FinalRecord, FinalRecordSchema } from './final-record.js'
import { mkdirInSession } from './session-subdir.js'

export const FINAL_OUTBOX_DIR = 'outbox'
const DAMAGED_DIR = 'damaged'
const RECORD_NAME = /^([0-9a-f-]{36})\.json$/
const DOCUMENT_NAME = /^([0-9a-f-]{36})\.md$/

/** A journaled record and the session directory it lives in. */
export interface JournaledFinal {
  dir: string
  record: FinalRecord
}

export class FinalJournal {
  /** Per record: the last write, so rewrites land in order. */
  private readonly writes = new Map<string, Promise<void>>()

  constructor(private readonly logger: Logger) {}

  /** Makes the record (and its document bytes) durable; throws when it could not (disk full…). */
  async save(dir: string, record: FinalRecord, document?: Buffer): Promise<void> {
    const outbox = join(dir, FINAL_OUTBOX_DIR)
    try {
      await mkdirInSession(outbox)
      if (document) {
        await writePrivateFile(join(outbox, `${record.id}.md`), document)
      }
      await writeJsonAtomic(recordPath(dir, record.id), record)
    } catch (error) {
      await this.discard(dir, record.id)
      throw error
    }
  }

  /** Rewrites the record after a confirmation; a failure is logged (the delivery goes on from memory). */
  update(dir: string, record: FinalRecord): Promise<void> {
    const snapshot = structuredClone(record)
    return this.serialised(record.id, async () => {
      try {
        await writeJsonAtomic(recordPath(dir, record.id), snapshot)
      } catch (error) {
        this.logger.warn(
          { err: error, finalId: record.id },
          'could not record a delivered part; a restart may send it again',
        )
      }
    })
  }

  /** Forgets a fully delivered record (its document too). Never throws. */
  remove(dir: string, id: string): Promise<void> {
    return this.serialised(id, async () => {
      await this.discard(dir, id)
      this.writes.delete(id)
    })
  }

  /** The journaled document bytes, at most `limit` of them. */
  async readDocument(dir: string, id: string, limit: number): Promise<Buffer> {
    const bytes = await readFile(join(dir, FINAL_OUTBOX_DIR, `${id}.md`))
    return bytes.subarray(0, limit)
  }

  /** Every pending record of a session directory; damaged ones are set aside, stray files removed. */
  async load(dir: string): Promise<FinalRecord[]> {
    const outbox = join(dir, FINAL_OUTBOX_DIR)
    let names: string[]
    try {
      names = await readdir(outbox)
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      if (code !== 'ENOENT' && code !== 'ENOTDIR')
        this.logger.error({ err: error, dir: outbox }, 'could not read pending final answers')
      return []
    }
    const records: FinalRecord[] = []
    for (const name of names) {
      const id = RECORD_NAME.exec(name)?.[1]
      if (!id) continue
      const read = await readJsonFile(join(outbox, name), FinalRecordSchema)
      if (read.ok && read.value.id === id) records.push(read.value)
      else if (read.ok || !read.missing)
        await this.setAside(outbox, id, read.ok ? 'id mismatch' : read.reason)
    }
    // A document whose record never made it to disk (a crash between the two writes) is garbage.
    const kept = new Set(records.map((r) => r.id))
    for (const name of names) {
      const id = DOCUMENT_NAME.exec(name)?.[1]
      if (id && !kept.has(id) && !names.includes(`${id}.json`))
        await rm(join(outbox, name), { force: true }).catch(() => undefined)
    }
    return records
  }

  /** Resolves once every write started so far has landed. */
  async idle(): Promise<void> {
    await Promise.all([...this.writes.values()])
  }

  private async setAside(outbox: string, id: string, reason: string): Promise<void> {
    const aside = join(outbox, DAMAGED_DIR)
    this.logger.error(
      { dir: outbox, finalId: id, reason, movedTo: aside },
      'a pending final answer on disk is damaged; set aside, not delivered',
    )
    try {
      await mkdir(aside, { recursive: true, mode: 0o700 })
      for (const name of [`${id}.json`, `${id}.md`]) {
        await rename(join(outbox, name), join(aside, name)).catch((error: unknown) => {
          if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
        })
      }
    } catch (error) {
      this.logger.error({ err: error, finalId: id }, 'could not set a damaged final answer aside')
    }
  }

  private async discard(dir: string, id: string): Promise<void> {
    // The record first: a document without one is cleaned up by the next load.
    for (const name of [`${id}.json`, `${id}.md`]) {
      await rm(join(dir, FINAL_OUTBOX_DIR, name), { force: true }).catch((error: unknown) =>
        this.logger.warn({ err: error, finalId: id }, 'could not remove a delivered final answer'),
      )
    }
  }

  private serialised(id: string, task: () => Promise<void>): Promise<void> {
    const next = (this.writes.get(id) ?? Promise.resolve()).then(task)
    this.writes.set(id, next)
    return next
  }
}

function recordPath(dir: string, id: string): string {
  return join(dir, FINAL_OUTBOX_DIR, `${id}.json`)
}
