/**
 * The inbox's files: one small JSON file per accepted message, `<session dir>/inbox/<id>.json`.
 * A file per entry keeps each write small (no rewriting the whole line per change) and confines
 * damage to one message. Writes are atomic and fsync'd (file and directory) and serialized per
 * entry (a write asked for before a removal lands before it). A file
 * that fails validation is logged and renamed to `<id>.json.damaged`, never read again.
 */

import { open, readdir, rename, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { readJsonFile, writeJsonAtomic } from '@switchboard/core'
import type { Logger } from '../logging/logger.js'
import { ENTRY_FILE_SUFFIX, INBOX_DIR, type InboxEntry, InboxEntrySchema } from './inbox-entry.js'
import { mkdirInSession } from './session-subdir.js'

export const DAMAGED_SUFFIX = '.damaged'
/** write-file-atomic's temp files (`<name>.<hex>`), left behind when the bot died mid-write. */
const TEMP_FILE = /\.json\.[0-9a-f]+$/

export interface InboxStoreOptions {
  sessionDirectory: (owner: string, id: string) => string
  logger: Logger
}

export class InboxStore {
  private readonly chains = new Map<string, Promise<void>>()
  private readonly madeDirs = new Set<string>()

  constructor(private readonly options: InboxStoreOptions) {}

  /** The inbox directory of a session. */
  directory(owner: string, sessionId: string): string {
    return join(this.options.sessionDirectory(owner, sessionId), INBOX_DIR)
  }

  /** Writes the entry as it is now; resolves once it is durable. Rejects when the disk refuses. */
  write(entry: InboxEntry): Promise<void> {
    const text = JSON.parse(JSON.stringify(entry)) as InboxEntry // a snapshot: the caller mutates
    return this.chain(entry.id, async () => {
      const dir = this.directory(entry.owner, entry.sessionId)
      if (!this.madeDirs.has(dir)) {
        await mkdirInSession(dir)
        this.madeDirs.add(dir)
      }
      await writeJsonAtomic(join(dir, fileName(entry.id)), text)
      await syncDirectory(dir)
    })
  }

  /** Deletes the entry's file (after the writes asked for before). */
  remove(entry: Pick<InboxEntry, 'id' | 'owner' | 'sessionId'>): Promise<void> {
    const path = join(this.directory(entry.owner, entry.sessionId), fileName(entry.id))
    return this.chain(entry.id, () => rm(path, { force: true }))
  }

  /** The session's valid entries, oldest first; damaged files are set aside (logged, renamed). */
  async list(owner: string, sessionId: string): Promise<InboxEntry[]> {
    const dir = this.directory(owner, sessionId)
    let names: string[]
    try {
      names = await readdir(dir)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return []
      throw error
    }
    const entries: InboxEntry[] = []
    for (const name of names) {
      const path = join(dir, name)
      if (TEMP_FILE.test(name)) await rm(path, { force: true })
      if (!name.endsWith(ENTRY_FILE_SUFFIX)) continue
      const read = await readJsonFile(path, InboxEntrySchema)
      const id = name.slice(0, -ENTRY_FILE_SUFFIX.length)
      if (read.ok && read.value.id === id && belongs(read.value, owner, sessionId)) {
        entries.push(read.value)
        continue
      }
      const reason = read.ok ? 'entry does not belong to this file' : read.reason
      this.options.logger.warn({ path, reason }, 'inbox: damaged entry set aside')
      await rename(path, `${path}${DAMAGED_SUFFIX}`).catch((error: unknown) =>
        this.options.logger.warn(
          { err: error, path },
          'inbox: could not set a damaged entry aside',
        ),
      )
    }
    return entries.sort((a, b) => a.seq - b.seq)
  }

  /** Resolves when every write and removal started so far has finished. */
  async idle(): Promise<void> {
    await Promise.all([...this.chains.values()])
  }

  private chain(id: string, step: () => Promise<unknown>): Promise<void> {
    const run = (this.chains.get(id) ?? Promise.resolve()).then(step).then(() => {})
    const settled = run.catch(() => {})
    this.chains.set(id, settled)
    void settled.then(() => {
      if (this.chains.get(id) === settled) this.chains.delete(id)
    })
    return run
  }
}

/**
 * Whether an entry is this session's and its owner's, from their private chat (whose id is the
 * user id): a planted entry must not run in the session as, or answer to, another user.
 */
function belongs(entry: InboxEntry, owner: string, sessionId: string): boolean {
  return (
    entry.sessionId === sessionId &&
    entry.owner === owner &&
    String(entry.userId) === owner &&
    entry.chatId === entry.userId
  )
}

function fileName(id: string): string {
  return `${id}${ENTRY_FILE_SUFFIX}`
}

/** fsync of the directory, so a new file's name survives a power cut too (not only kill -9). */
async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r').catch(() => undefined)
  if (!handle) return
  try {
    await handle.sync()
  } catch {
    // Some file systems refuse fsync on directories; the file itself is synced.
  } finally {
    await handle.close()
  }
}
