import { SessionCorruptError, SessionNotFoundError } from './errors.js'
import type { DataLayout } from './layout.js'
import { type LockOptions, withLock } from './lock.js'
import { readNameEntry, removeNameEntryIf } from './name-index.js'
import { readMetadata } from './session-files.js'
import type { SessionMetadata } from './session-metadata.js'

/** A name resolved through the index: a readable session, or one whose metadata is unusable. */
export type Resolved =
  | { id: string; meta: SessionMetadata }
  | { id: string; meta: null; path: string; reason: string }

/**
 * Locking and name resolution shared by every SessionManager operation.
 * Lock order, to rule out deadlocks: a session lock may be followed by the owner lock, never the
 * reverse, and no call chain holds two session locks.
 */
export class SessionAccess {
  constructor(
    readonly layout: DataLayout,
    private readonly lockOptions: LockOptions,
  ) {}

  withSessionLock<T>(owner: string, id: string, fn: () => Promise<T>): Promise<T> {
    return withLock(this.layout.sessionLockPath(owner, id), this.lockOptions, fn)
  }

  withOwnerLock<T>(owner: string, fn: () => Promise<T>): Promise<T> {
    return withLock(this.layout.ownerLockPath(owner), this.lockOptions, fn)
  }

  /**
   * Index → metadata, O(1). An entry is stale when its target metadata is missing or carries
   * another name (metadata.name is the truth); stale entries are removed and reported as absent.
   */
  async resolve(owner: string, name: string): Promise<Resolved | null> {
    const entry = await readNameEntry(this.layout, owner, name)
    if (!entry) return null
    const { id } = entry
    if (id === null) {
      await this.withOwnerLock(owner, () => removeNameEntryIf(this.layout, owner, name, entry.raw))
      return null
    }
    const first = await this.check(owner, id, name)
    if (first !== 'stale') return first
    // create and rename hold the session lock while entry and metadata disagree, so look again
    // under it before calling the entry stale.
    return this.withSessionLock(owner, id, async () => {
      const second = await this.check(owner, id, name)
      if (second !== 'stale') return second
      await this.withOwnerLock(owner, () => removeNameEntryIf(this.layout, owner, name, entry.raw))
      return null
    })
  }

  /** Like resolve, but throws SessionNotFoundError / SessionCorruptError. */
  async require(owner: string, name: string): Promise<{ id: string; meta: SessionMetadata }> {
    const found = await this.resolve(owner, name)
    if (!found) throw new SessionNotFoundError(owner, name)
    if (found.meta === null) throw new SessionCorruptError(found.path, found.reason)
    return { id: found.id, meta: found.meta }
  }

  /**
   * Read-modify-write of one session under its lock. The metadata is read again inside the lock
   * (another process may have renamed or deleted it since `require`).
   */
  async mutate(
    owner: string,
    name: string,
    fn: (meta: SessionMetadata) => Promise<SessionMetadata>,
  ): Promise<SessionMetadata> {
    const { id } = await this.require(owner, name)
    return this.withSessionLock(owner, id, async () => {
      const current = await this.check(owner, id, name)
      if (current === 'stale') throw new SessionNotFoundError(owner, name)
      if (current.meta === null) throw new SessionCorruptError(current.path, current.reason)
      return fn(current.meta)
    })
  }

  /** Read-modify-write by id (the process layer holds ids: names can change under it). */
  async mutateById(
    owner: string,
    id: string,
    fn: (meta: SessionMetadata) => Promise<SessionMetadata>,
  ): Promise<SessionMetadata> {
    return this.withSessionLock(owner, id, async () => {
      const read = await readMetadata(this.layout, owner, id)
      if (read.kind === 'missing') throw new SessionNotFoundError(owner, id)
      if (read.kind === 'corrupt') throw new SessionCorruptError(read.path, read.reason)
      return fn(read.meta)
    })
  }

  private async check(owner: string, id: string, name: string): Promise<Resolved | 'stale'> {
    const read = await readMetadata(this.layout, owner, id)
    if (read.kind === 'missing') return 'stale'
    if (read.kind === 'corrupt') return { id, meta: null, path: read.path, reason: read.reason }
    return read.meta.name === name ? { id, meta: read.meta } : 'stale'
  }
}
