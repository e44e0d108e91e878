import { readdir } from 'node:fs/promises'
import { sep } from 'node:path'
import { setImmediate as yieldToEventLoop } from 'node:timers/promises'
import type { DataLayout } from './layout.js'
import { metadataCacheFor } from './metadata-cache.js'
import { isOwnerId, isSessionId } from './names.js'
import type { SessionMetadata } from './session-metadata.js'

/** A session directory whose metadata cannot be used; the rest of the list is unaffected. */
export interface BrokenSession {
  owner: string
  id: string
  path: string
  reason: string
}

export interface SessionList {
  /** Most recently active first. */
  sessions: SessionMetadata[]
  broken: BrokenSession[]
}

/**
 * metadata.json files are tiny, so list reads them synchronously in batches and yields to the
 * event loop between batches: about 4x faster than async reads (each of which makes several
 * thread-pool round trips), while no batch blocks the loop for more than about a millisecond.
 * Unchanged files come from the layout's MetadataCache (one stat each instead of read + parse).
 */
const BATCH_SIZE = 100

/** Lists the sessions of one owner, or of every owner, reading each metadata.json once. */
export async function listSessions(layout: DataLayout, owner?: string): Promise<SessionList> {
  const owners = owner === undefined ? await listOwners(layout) : [owner]
  const perOwner = await Promise.all(
    owners.map(async (o) => {
      // Plain concatenation: path.join costs ~3 µs, a third of a cached read. Ids are validated below.
      const dir = layout.ownerDir(o) + sep
      return (await subdirs(layout.ownerDir(o))).map((id) => ({ owner: o, id, path: dir + id }))
    }),
  )
  const sessions: SessionMetadata[] = []
  const broken: BrokenSession[] = []
  const entries = perOwner.flat()
  const cache = metadataCacheFor(layout)
  for (const o of owners) cache.prime(o, layout.ownerDir(o))
  for (let start = 0; start < entries.length; start += BATCH_SIZE) {
    if (start > 0) await yieldToEventLoop()
    for (const { owner: o, id, path } of entries.slice(start, start + BATCH_SIZE)) {
      if (!isSessionId(id)) {
        broken.push({ owner: o, id, path, reason: 'directory name is not a session id' })
        continue
      }
      const read = cache.read(`${path}${sep}metadata.json`, o, id)
      if (read.kind === 'ok') sessions.push(read.meta)
      else {
        const reason = read.kind === 'missing' ? 'metadata.json is missing' : read.reason
        broken.push({ owner: o, id, path, reason })
      }
    }
  }
  owners.forEach((o, i) => {
    cache.retain(o, new Set(perOwner[i]?.map((e) => e.id)))
  })
  if (owner === undefined) cache.retainOwners(new Set(owners))
  await Promise.all(owners.map((o) => cache.flush(o, layout.ownerDir(o))))
  return { sessions: sortSessions(sessions), broken }
}

/** Most recently active first (then by name); sorts in place and returns the array. */
export function sortSessions(sessions: SessionMetadata[]): SessionMetadata[] {
  // Each time parsed once (a Map lookup per comparison cost more than the sort itself).
  const keyed = sessions.map((s) => ({ s, time: Date.parse(s.lastActiveAt) || 0 }))
  keyed.sort((a, b) => b.time - a.time || a.s.name.localeCompare(b.s.name))
  for (let i = 0; i < keyed.length; i++) sessions[i] = (keyed[i] as { s: SessionMetadata }).s
  return sessions
}

async function listOwners(layout: DataLayout): Promise<string[]> {
  return (await subdirs(layout.sessionsDir)).filter(isOwnerId)
}

/** Sub-directories, skipping dot-entries (`.names`, `.locks`, `.staging`). */
async function subdirs(dir: string): Promise<string[]> {
  try {
    const entries = await readdir(dir, { withFileTypes: true })
    return entries.filter((e) => e.isDirectory() && !e.name.startsWith('.')).map((e) => e.name)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return []
    throw error
  }
}
