import { randomUUID } from 'node:crypto'
import { hostname } from 'node:os'
import { dirname, join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { z } from 'zod'
import { type CoreError, SessionNotFoundError } from './errors.js'
import { readJsonFile, writeJsonAtomic } from './json-file.js'
import { withLock } from './lock.js'
import { isSessionId, validateOwner } from './names.js'
import { mkdirPrivate } from './private-mode.js'

/** How often a holder refreshes its lease, and how old a refresh may get before the lease is stale. */
export const LEASE_HEARTBEAT_MS = 5_000
export const LEASE_STALE_MS = 30_000

/** A lease file (`sessions/<owner>/.leases/<id><suffix>.json`): who holds it, since when. */
export const SessionLeaseSchema = z.strictObject({
  pid: z.int().positive(),
  host: z.string().min(1),
  /** The app holding it, e.g. "switchboard-cli" (for messages such as "open at the desk"). */
  app: z.string().min(1).max(64),
  /** Tells one acquisition from another of the same process. */
  token: z.string().min(1),
  startedAt: z.iso.datetime(),
  refreshedAt: z.iso.datetime(),
  /** Set by `release()`: the lease ended (kept so apps can tell it was used since they looked). */
  releasedAt: z.iso.datetime().optional(),
})
export type SessionLease = z.infer<typeof SessionLeaseSchema>

export interface SessionLeasesOptions {
  dataDir: string
  heartbeatMs?: number
  staleMs?: number
  now?: () => Date
}

/** What tells one kind of lease from another: its file, and the error a live one raises. */
export interface LeaseKind {
  /** Appended to the session id in the file name ('' for the desk lease: `<id>.json`). */
  suffix: string
  heldError: (lease: SessionLease) => CoreError
}

/**
 * One kind of per-session lease (DeskLeases, PhoneTurnLeases). Crash-safe: a lease is stale, and
 * ignored or taken over, once its holder's pid is gone (same host) or its heartbeat is older than
 * `staleMs`.
 */
export class SessionLeases {
  private readonly heartbeatMs: number
  private readonly staleMs: number
  private readonly now: () => Date

  constructor(
    private readonly options: SessionLeasesOptions,
    private readonly kind: LeaseKind,
  ) {
    this.heartbeatMs = options.heartbeatMs ?? LEASE_HEARTBEAT_MS
    this.staleMs = options.staleMs ?? LEASE_STALE_MS
    this.now = options.now ?? (() => new Date())
  }

  /** The live lease on the session, or null (none, released, stale, or unreadable: never blocks forever). */
  async read(owner: string, id: string): Promise<SessionLease | null> {
    const read = await readJsonFile(this.path(owner, id), SessionLeaseSchema)
    return read.ok && !this.isStale(read.value) ? read.value : null
  }

  /** When the session's last lease was released (null: never, or still held, or it just went stale). */
  async lastReleased(owner: string, id: string): Promise<string | null> {
    const read = await readJsonFile(this.path(owner, id), SessionLeaseSchema)
    return read.ok ? (read.value.releasedAt ?? null) : null
  }

  /** Takes the lease (over a stale one), refreshed until released; the kind's error when live. */
  async acquire(owner: string, id: string, holder: { app: string }): Promise<HeldLease> {
    const path = this.path(owner, id)
    await mkdirPrivate(dirname(path))
    const at = this.now().toISOString()
    const lease: SessionLease = {
      pid: process.pid,
      host: hostname(),
      app: holder.app,
      token: randomUUID(),
      startedAt: at,
      refreshedAt: at,
    }
    await withLock(`${path}.lock`, LOCK_OPTIONS, async () => {
      const current = await this.read(owner, id)
      if (current) throw this.kind.heldError(current)
      await writeJsonAtomic(path, lease)
    })
    return new HeldLease(path, lease, this.heartbeatMs, this.now)
  }

  /** Resolves once the session has no live lease (polled every `pollMs`); rejects when `signal` aborts. */
  async waitUntilFree(
    owner: string,
    id: string,
    options: { pollMs?: number; signal?: AbortSignal } = {},
  ): Promise<void> {
    options.signal?.throwIfAborted()
    while ((await this.read(owner, id)) !== null) {
      await sleep(options.pollMs ?? 1_000, undefined, { signal: options.signal })
    }
  }

  /** The lease file (beside core's `.locks`, so archiving a session never moves a held lease). */
  path(owner: string, id: string): string {
    const valid = validateOwner(owner)
    if (!isSessionId(id)) throw new SessionNotFoundError(valid, id)
    return join(this.options.dataDir, 'sessions', valid, '.leases', `${id}${this.kind.suffix}.json`)
  }

  private isStale(lease: SessionLease): boolean {
    if (lease.releasedAt !== undefined) return true
    if (this.now().getTime() - Date.parse(lease.refreshedAt) > this.staleMs) return true
    return lease.host === hostname() && !processExists(lease.pid)
  }
}

/** A lease this process holds: its heartbeat runs until `release()` (or until another took it). */
export class HeldLease {
  private timer: NodeJS.Timeout | undefined
  private beat: Promise<void> = Promise.resolve()
  private lostIt = false
  private released: Promise<void> | undefined

  constructor(
    private readonly path: string,
    readonly lease: SessionLease,
    heartbeatMs: number,
    private readonly now: () => Date,
  ) {
    this.timer = setInterval(() => {
      this.beat = this.beat.then(() => this.refresh())
    }, heartbeatMs)
    this.timer.unref() // the lease never keeps a process alive on its own
  }

  /** True once the file no longer names this lease (taken over after it went stale). */
  get lost(): boolean {
    return this.lostIt
  }

  /**
   * Stops the heartbeat and marks the lease released (`releasedAt`) if the file is still this one.
   * Calling it again returns the first call's promise.
   */
  release(): Promise<void> {
    this.released ??= this.markReleased()
    return this.released
  }

  private async markReleased(): Promise<void> {
    clearInterval(this.timer)
    this.timer = undefined
    await this.beat
    await withLock(`${this.path}.lock`, LOCK_OPTIONS, async () => {
      if (!(await this.stillMine())) return
      await writeJsonAtomic(this.path, { ...this.lease, releasedAt: this.now().toISOString() })
    })
  }

  // Under the lease's lock, so a beat never overwrites a lease another process just took over.
  private async refresh(): Promise<void> {
    if (this.timer === undefined) return
    await withLock(`${this.path}.lock`, LOCK_OPTIONS, async () => {
      if (!(await this.stillMine())) {
        this.lostIt = true
        clearInterval(this.timer)
        return
      }
      const refreshed = { ...this.lease, refreshedAt: this.now().toISOString() }
      await writeJsonAtomic(this.path, refreshed)
    }).catch(() => undefined) // a missed beat is retried at the next one; the stale time spans several
  }

  private async stillMine(): Promise<boolean> {
    const read = await readJsonFile(this.path, SessionLeaseSchema)
    return read.ok && read.value.token === this.lease.token
  }
}

const LOCK_OPTIONS = { timeoutMs: 5_000, staleMs: 10_000 }

function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: it exists, owned by someone else.
    return (error as NodeJS.ErrnoException).code !== 'ESRCH'
  }
}
