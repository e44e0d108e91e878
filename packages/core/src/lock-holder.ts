import { readFile, stat, unlink } from 'node:fs/promises'
import { hostname } from 'node:os'
import writeFileAtomic from 'write-file-atomic'
import { z } from 'zod'
import { PRIVATE_FILE_MODE } from './private-mode.js'

/**
 * Who holds a lock: `<lock>.holder` beside the lock directory (proper-lockfile removes the directory
 * with rmdir, so nothing may go inside it). `ino` ties the record to one lock directory.
 */
const HolderSchema = z.object({ pid: z.int().positive(), host: z.string(), ino: z.number() })

function holderPath(lockPath: string): string {
  return `${lockPath}.holder`
}

/** Records this process as the holder of the lock it just acquired (best effort: a hint, not the lock). */
export async function recordHolder(lockPath: string): Promise<void> {
  try {
    const { ino } = await stat(lockPath)
    const record = JSON.stringify({ pid: process.pid, host: hostname(), ino })
    await writeFileAtomic(holderPath(lockPath), record, { fsync: false, mode: PRIVATE_FILE_MODE })
  } catch {
    // Without a record a dead holder's lock is taken over after the full stale time instead.
  }
}

/** Removes this process's record before it releases the lock (so it never removes another's). */
export async function clearHolder(lockPath: string): Promise<void> {
  await unlink(holderPath(lockPath)).catch(() => undefined)
}

/**
 * True when the lock's recorded holder is a process on this machine that no longer exists. Only
 * then may the lock be taken over early; anything uncertain (no record, another host, a record of an
 * older lock directory, a pid that exists, even if reused) answers false.
 */
export async function holderIsDead(lockPath: string): Promise<boolean> {
  try {
    const [text, info] = await Promise.all([readFile(holderPath(lockPath), 'utf8'), stat(lockPath)])
    const holder = HolderSchema.parse(JSON.parse(text))
    if (holder.host !== hostname() || holder.ino !== info.ino) return false
    if (holder.pid === process.pid) return false
    process.kill(holder.pid, 0)
    return false
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH'
  }
}
