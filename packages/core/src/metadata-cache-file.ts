import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import writeFileAtomic from 'write-file-atomic'
import { z } from 'zod'
import { PRIVATE_FILE_MODE } from './private-mode.js'
import { METADATA_SCHEMA_VERSION, type SessionMetadata } from './session-metadata.js'

/**
 * The list's metadata cache of one owner, kept on disk (`sessions/<owner>/.list-cache.json`) so a
 * short-lived process — a `switchboard sessions` run — starts warm: one file read instead of one per
 * session. Every entry carries the stat of the metadata.json it was read from and is used only while
 * that file's stat is unchanged, so the file can be stale, shared by several processes (the last
 * writer wins) or hand-deleted without ever giving a wrong answer. A dot-file: listings skip it, and
 * Claude's sandbox patterns close `sessions/<owner>/.*` (packages/process session-protection.ts).
 */
export const CACHE_FILE_NAME = '.list-cache.json'

/**
 * Bumped whenever an entry's layout or SessionMetadataSchema changes (a test compares the schema with
 * CACHED_SCHEMA_FINGERPRINT): a file of another format is ignored and rewritten, so no entry skips a
 * check that a newer core makes.
 */
export const CACHE_FORMAT = 1
/** sha256 of SessionMetadataSchema's JSON Schema when CACHE_FORMAT was last bumped. */
export const CACHED_SCHEMA_FINGERPRINT =
  '63fb32d31c1ade3ad72541128e1bd7de3915756cb1e05fe7d8bfa7bfef014e56'

/** What identifies one version of a metadata.json: any write (core's renames, edits) changes it. */
export interface FileStamp {
  ino: number
  size: number
  mtimeMs: number
  ctimeMs: number
}

export interface CachedMetadata extends FileStamp {
  meta: SessionMetadata
}

/**
 * The file is a header line, then the entries as one JSON array. The header carries the body's
 * sha256: the entries were each checked against SessionMetadataSchema when their metadata.json was
 * read, so a body with that digest is exactly what this code wrote, and is not checked again entry
 * by entry (for 10,000 entries that check cost more than reading the 10,000 files it replaces).
 */
const HeaderSchema = z.strictObject({
  format: z.literal(CACHE_FORMAT),
  metadataSchemaVersion: z.literal(METADATA_SCHEMA_VERSION),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
})

type Row = [id: string, ino: number, size: number, mtimeMs: number, ctimeMs: number, meta: unknown]

export function cacheFilePath(ownerDir: string): string {
  return join(ownerDir, CACHE_FILE_NAME)
}

/**
 * The owner's cached entries (empty when the file is missing, unreadable, of another format, or its
 * body does not match its digest). An entry that names another owner or id is dropped.
 */
export function loadCacheFile(path: string, owner: string): Map<string, CachedMetadata> {
  const entries = new Map<string, CachedMetadata>()
  let rows: unknown
  try {
    const text = readFileSync(path, 'utf8')
    const newline = text.indexOf('\n')
    const header = HeaderSchema.safeParse(JSON.parse(text.slice(0, newline)))
    const body = text.slice(newline + 1)
    if (!header.success || digest(body) !== header.data.sha256) return entries
    rows = JSON.parse(body)
  } catch {
    return entries // missing, unreadable or torn: the listing reads the files and writes it again
  }
  if (!Array.isArray(rows)) return entries
  for (const row of rows) {
    if (!isRow(row)) continue
    const [id, ino, size, mtimeMs, ctimeMs, meta] = row
    const m = meta as SessionMetadata
    if (m.id !== id || m.owner !== owner) continue
    entries.set(id, { ino, size, mtimeMs, ctimeMs, meta: m })
  }
  return entries
}

/**
 * Replaces the file (atomic rename, mode 0600). No fsync: a file torn by a power cut fails its
 * digest and is rebuilt. A failure (disk full, read-only) is not an error: the cache only saves time.
 */
export async function saveCacheFile(
  path: string,
  entries: ReadonlyMap<string, CachedMetadata>,
): Promise<boolean> {
  const rows: Row[] = [...entries].map(([id, e]) => [
    id,
    e.ino,
    e.size,
    e.mtimeMs,
    e.ctimeMs,
    e.meta,
  ])
  const body = JSON.stringify(rows)
  const header = { format: CACHE_FORMAT, metadataSchemaVersion: METADATA_SCHEMA_VERSION }
  const text = `${JSON.stringify({ ...header, sha256: digest(body) })}\n${body}`
  try {
    await writeFileAtomic(path, text, { fsync: false, mode: PRIVATE_FILE_MODE })
    return true
  } catch {
    return false
  }
}

function digest(text: string): string {
  return createHash('sha256').update(text).digest('hex')
}

/** The shape of a row (its metadata was schema-checked before it was written). */
function isRow(row: unknown): row is Row {
  if (!Array.isArray(row) || row.length !== 6) return false
  const [id, ino, size, mtimeMs, ctimeMs, meta] = row as unknown[]
  return (
    typeof id === 'string' &&
    typeof ino === 'number' &&
    typeof size === 'number' &&
    typeof mtimeMs === 'number' &&
    typeof ctimeMs === 'number' &&
    typeof meta === 'object' &&
    meta !== null
  )
}
