import { type Stats, statSync } from 'node:fs'
import type { DataLayout } from './layout.js'
import {
  type CachedMetadata,
  cacheFilePath,
  loadCacheFile,
  saveCacheFile,
} from './metadata-cache-file.js'
import { type MetadataRead, readMetadataAtSync } from './session-files.js'
import type { SessionMetadata } from './session-metadata.js'

/**
 * A file whose last change is this close to the moment it was read is not cached: an in-place
 * edit in the same timestamp tick would leave its stat unchanged ("racy git"). Core's own writes
 * rename a new file into place, so they always change the inode and are seen at once.
 */
const RACY_MS = 1_000

type Entry = CachedMetadata

/**
 * The on-disk copy is rewritten once this many of an owner's files had to be read (or were gone):
 * a few sessions changed by the bot since the last write cost a few reads, not a 10,000-entry write.
 */
const REWRITE_AFTER_CHANGES = 16

/**
 * Parsed metadata.json files, each checked against a fresh stat (inode, size, mtime, ctime) before
 * it is used, so a change made by another process (or another SessionManager) is read again: the
 * cache saves the read and the schema check, never a stat. Only valid files are kept; missing
 * and damaged ones are read every time (and healed by the caller).
 */
export class MetadataCache {
  /** owner → session id → entry. */
  private readonly owners = new Map<string, Map<string, Entry>>()
  /** owner → files read (or dropped) since the on-disk copy was loaded or written. */
  private readonly changes = new Map<string, number>()
  /** Owners whose on-disk copy was loaded (persistent caches only). */
  private readonly loaded = new Set<string>()
  /** Reads answered from the cache (for tests and benches). */
  hits = 0

  /**
   * `persistent`: also kept in each owner's `.list-cache.json` (metadata-cache-file.ts), loaded on the
   * owner's first listing and written after a listing that changed enough of it.
   */
  constructor(private readonly persistent = false) {}

  /** Before an owner's listing: a persistent cache loads the owner's on-disk copy once. */
  prime(owner: string, ownerDir: string): void {
    if (!this.persistent || this.loaded.has(owner)) return
    this.loaded.add(owner)
    const entries = loadCacheFile(cacheFilePath(ownerDir), owner)
    this.owners.set(owner, entries)
    this.changes.set(owner, 0)
  }

  /** After an owner's listing: writes the on-disk copy if enough of it changed. */
  async flush(owner: string, ownerDir: string): Promise<void> {
    if (!this.persistent || (this.changes.get(owner) ?? 0) < REWRITE_AFTER_CHANGES) return
    this.changes.set(owner, 0)
    // A persistent cache never compacts its entries (see read), so they are written as they are.
    await saveCacheFile(cacheFilePath(ownerDir), this.owners.get(owner) ?? new Map())
  }

  /** `path`: the session's metadata.json (layout.metadataPath). */
  read(path: string, owner: string, id: string): MetadataRead {
    const checkedAt = Date.now()
    let stats: Stats | undefined
    try {
      stats = statSync(path, { throwIfNoEntry: false })
    } catch {
      stats = undefined // unreadable: the read below reports why
    }
    let entries = this.owners.get(owner)
    const cached = entries?.get(id)
    if (stats && cached && sameFile(cached, stats)) {
      this.hits++
      return { kind: 'ok', meta: copy(cached.meta, path) }
    }
    const read = readMetadataAtSync(path, owner, id)
    if (
      read.kind !== 'ok' ||
      !stats ||
      Math.max(stats.mtimeMs, stats.ctimeMs) > checkedAt - RACY_MS
    ) {
      if (entries?.delete(id)) this.changed(owner)
      return read
    }
    this.changed(owner)
    if (!entries) {
      entries = new Map()
      this.owners.set(owner, entries)
    }
    const { ino, size, mtimeMs, ctimeMs } = stats
    // Keyed by the metadata's own id string (equal to `id`, checked by the read): one copy per session.
    // A short-lived process (the persistent kind) keeps them whole: compacting would cost it time.
    const meta = this.persistent ? read.meta : compact(read.meta, path)
    entries.set(read.meta.id, { ino, size, mtimeMs, ctimeMs, meta })
    return { kind: 'ok', meta: copy(meta, path) }
  }

  private changed(owner: string): void {
    this.changes.set(owner, (this.changes.get(owner) ?? 0) + 1)
  }

  /** Drops the owner's entries for sessions that are gone (listed: the ids still on disk). */
  retain(owner: string, listed: ReadonlySet<string>): void {
    const entries = this.owners.get(owner)
    if (!entries) return
    for (const id of entries.keys()) {
      if (listed.has(id)) continue
      entries.delete(id)
      this.changed(owner)
    }
    if (entries.size === 0 && !this.persistent) this.owners.delete(owner)
  }

  /** Drops every owner not in `listed` (after a listing of all owners). */
  retainOwners(listed: ReadonlySet<string>): void {
    for (const owner of this.owners.keys()) if (!listed.has(owner)) this.owners.delete(owner)
    for (const owner of this.loaded) if (!listed.has(owner)) this.loaded.delete(owner)
  }
}

function sameFile(entry: Entry, stats: Stats): boolean {
  return (
    entry.ino === stats.ino &&
    entry.size === stats.size &&
    entry.mtimeMs === stats.mtimeMs &&
    entry.ctimeMs === stats.ctimeMs
  )
}

/**
 * Every unbound session's metadata repeats its workspace path (`<session dir>/workspace`, ~115 bytes);
 * the cache keeps this marker instead and derives the path from the file's own path on the way out.
 * Never a real value: the schema requires a non-empty workingDirectory.
 */
const DERIVED_WORKSPACE = ''
const METADATA_FILE = 'metadata.json'

function workspaceOf(metadataPath: string): string {
  return `${metadataPath.slice(0, -METADATA_FILE.length)}workspace`
}

function compact(meta: SessionMetadata, metadataPath: string): SessionMetadata {
  if (meta.workingDirectory !== workspaceOf(metadataPath)) return meta
  return { ...meta, workingDirectory: DERIVED_WORKSPACE }
}

/** Callers own what list returns: a copy keeps the cached entry as it was read from disk. */
function copy(meta: SessionMetadata, metadataPath: string): SessionMetadata {
  const { workingDirectory } = meta
  return {
    ...meta,
    // One object per copy: a list of 10,000 makes 10,000 of them.
    workingDirectory:
      workingDirectory === DERIVED_WORKSPACE ? workspaceOf(metadataPath) : workingDirectory,
    usage: { ...meta.usage },
    topic: meta.topic ? { ...meta.topic } : null,
  }
}

const caches = new WeakMap<DataLayout, MetadataCache>()

/**
 * One cache per DataLayout (each SessionManager has its own), so its lifetime is the manager's.
 * `persistent` (SessionManagerOptions.listCacheFile) applies when the cache is made.
 */
export function metadataCacheFor(layout: DataLayout, persistent = false): MetadataCache {
  let cache = caches.get(layout)
  if (!cache) {
    cache = new MetadataCache(persistent)
    caches.set(layout, cache)
  }
  return cache
}
