import { stat } from 'node:fs/promises'
import { SessionCorruptError, SessionNotFoundError } from './errors.js'
import type { DataLayout } from './layout.js'
import { type LockOptions, withLock } from './lock.js'
import { type RepairContext, rebuildMetadata } from './metadata-repair.js'
import { readNameEntry, removeNameEntryIf } from './name-index.js'
import { indexLooksIncomplete, type NameRepairDeps, repairNameIndex } from './name-repair.js'
import { type MetadataRead, readMetadata } from './session-files.js'
import type { SessionMetadata } from './session-metadata.js'

/** A wait for one of an owner's locks that has lasted a while (see SessionManagerOptions.onLockWait). */
export interface LockWait {
  owner: string
  /** The session whose lock is awaited, or null for the owner's lock (name index, active pointer). */
  sessionId: string | null
}

export type LockWaitListener = (wait: LockWait) => (() => void) | undefined

/** How SessionAccess heals damaged sessions (unset: it never rebuilds, as before). */
export interface HealOptions {
  repair: Omit<RepairContext, 'layout' | 'withOwnerLock'>
  onNameRepair?: NameRepairDeps['onNameRepair']
}

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
    private readonly lockOptions: LockOptions & { onLockWait?: LockWaitListener },
    private readonly heal?: HealOptions,
  ) {}

  withSessionLock<T>(owner: string, id: string, fn: () => Promise<T>): Promise<T> {
    return withLock(this.layout.sessionLockPath(owner, id), this.lockFor(owner, id), fn)
  }

  withOwnerLock<T>(owner: string, fn: () => Promise<T>): Promise<T> {
    return withLock(this.layout.ownerLockPath(owner), this.lockFor(owner, null), fn)
  }

  private lockFor(owner: string, sessionId: string | null): LockOptions {
    const { onLockWait, ...options } = this.lockOptions
    return onLockWait ? { ...options, onWait: () => onLockWait({ owner, sessionId }) } : options
  }

  /**
   * Index → metadata, O(1). An entry is stale when its target metadata is missing or carries
   * another name (metadata.name is the truth); stale entries are removed and reported as absent.
   * Healing (unless `heal: false`): damaged metadata is rebuilt, and a name with no entry that a
   * session's metadata carries gets its entry back (so nobody else can take the name).
   */
  async resolve(owner: string, name: string, options = { heal: true }): Promise<Resolved | null> {
    const entry = await readNameEntry(this.layout, owner, name)
    if (!entry) return options.heal ? this.findLostName(owner, name) : null
    const { id } = entry
    if (id === null) {
      await this.withOwnerLock(owner, () => removeNameEntryIf(this.layout, owner, name, entry.raw))
      return null
    }
    const first = await this.check(owner, id, name)
    if (first !== 'stale' && (first.meta !== null || !options.heal)) return first
    // create and rename hold the session lock while entry and metadata disagree, so look again
    // under it before calling the entry stale (or rebuilding a damaged file).
    return this.withSessionLock(owner, id, async () => {
      if (options.heal) await this.healLocked(owner, id)
      const second = await this.check(owner, id, name)
      if (second !== 'stale') return second
      await this.withOwnerLock(owner, () => removeNameEntryIf(this.layout, owner, name, entry.raw))
      return null
    })
  }

  /** readMetadata, but a damaged or missing metadata.json of an existing session is rebuilt first. */
  async readHealed(owner: string, id: string): Promise<MetadataRead> {
    const read = await readMetadata(this.layout, owner, id)
    if (!this.heal || !(await this.healable(owner, id, read))) return read
    return this.withSessionLock(owner, id, async () => {
      await this.healLocked(owner, id)
      return readMetadata(this.layout, owner, id)
    })
  }

  /** Writes back lost index entries of `sessions` (what list read); returns the repaired ones. */
  repairNames(owner: string, sessions: readonly SessionMetadata[]): Promise<SessionMetadata[]> {
    return repairNameIndex(this.nameRepairDeps(), owner, sessions)
  }

  private async findLostName(owner: string, name: string): Promise<Resolved | null> {
    if (!(await indexLooksIncomplete(this.layout, owner))) return null
    await repairNameIndex(this.nameRepairDeps(), owner)
    return this.resolve(owner, name, { heal: false })
  }

  private nameRepairDeps(): NameRepairDeps {
    const onNameRepair = this.heal?.onNameRepair
    return {
      layout: this.layout,
      withOwnerLock: (owner, fn) => this.withOwnerLock(owner, fn),
      ...(onNameRepair ? { onNameRepair } : {}),
    }
  }

  private async healable(owner: string, id: string, read: MetadataRead): Promise<boolean> {
    if (read.kind === 'corrupt') return read.damaged
    if (read.kind === 'ok') return false
    // metadata.json missing: a session only if its persona.json is still there (not a stray dir).
    const persona = await stat(this.layout.personaPath(owner, id)).catch(() => null)
    return persona?.isFile() ?? false
  }

  /** Under the session lock: rebuilds metadata.json when it is damaged or missing (dir present). */
  private async healLocked(owner: string, id: string): Promise<void> {
    if (!this.heal) return
    const read = await readMetadata(this.layout, owner, id)
    if (!(await this.healable(owner, id, read))) return
    const reason = read.kind === 'corrupt' ? read.reason : 'metadata.json is missing'
    await rebuildMetadata(
      {
        ...this.heal.repair,
        layout: this.layout,
        withOwnerLock: (o, fn) => this.withOwnerLock(o, fn),
      },
      owner,
      id,
      reason,
    )
  }

  /** Like resolve, but throws SessionNotFoundError / SessionCorruptError. */
  async require(owner: string, name: string): Promise<{ id: string; meta: SessionMetadata }> {
    const found = await this.resolve(owner, name)
    if (!found) throw new SessionNotFoundError(owner, name)
    if (found.meta === null) {
      throw new SessionCorruptError(found.path, found.reason, { sessionId: found.id })
    }
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
      if (current.meta === null) {
        throw new SessionCorruptError(current.path, current.reason, { sessionId: id })
      }
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
      await this.healLocked(owner, id)
      const read = await readMetadata(this.layout, owner, id)
      if (read.kind === 'missing') throw new SessionNotFoundError(owner, id)
      if (read.kind === 'corrupt') {
        throw new SessionCorruptError(read.path, read.reason, { sessionId: id })
      }
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
