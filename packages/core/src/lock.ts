import fs from 'node:fs'
import { dirname } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import lockfile from 'proper-lockfile'
import { LockCompromisedError, LockTimeoutError } from './errors.js'
import { clearHolder, holderIsDead, recordHolder } from './lock-holder.js'
import { mkdirPrivate, PRIVATE_DIR_MODE } from './private-mode.js'
import { asStorageError } from './storage-errors.js'

/** `fs` for proper-lockfile, whose lock directories would otherwise be made 0777 & ~umask. */
const privateLockFs = {
  ...fs,
  mkdir: (path: fs.PathLike, callback: (error: NodeJS.ErrnoException | null) => void) =>
    fs.mkdir(path, { mode: PRIVATE_DIR_MODE }, (error) => callback(error)),
}

export interface LockOptions {
  /** Give up (LockTimeoutError) when the lock is not acquired within this many ms. */
  timeoutMs: number
  /** A lock whose holder stopped refreshing it for this long is stale and may be taken (min 2000). */
  staleMs: number
  /**
   * Called once the wait for the lock passed `waitNoticeMs`; the function it returns (if any) is
   * called when the wait ends (acquired or failed). For telling a user why nothing happens.
   */
  onWait?: () => (() => void) | undefined
  /** Default 1000. */
  waitNoticeMs?: number
}

/** proper-lockfile's smallest stale time: a lock whose recorded holder died is taken after this. */
const DEAD_HOLDER_STALE_MS = 2_000

/**
 * Runs `fn` while holding the cross-process lock at `lockPath` (a directory made with mkdir, which
 * is atomic; proper-lockfile refreshes its mtime so a crashed holder's lock goes stale).
 * Not re-entrant: never take the same lock twice in one call chain.
 */
export async function withLock<T>(
  lockPath: string,
  options: LockOptions,
  fn: () => Promise<T>,
): Promise<T> {
  let compromised: Error | undefined
  const release = await acquire(lockPath, options, (error) => {
    compromised = error
  })
  await recordHolder(lockPath)
  let result: T
  try {
    result = await fn()
  } finally {
    if (!compromised) await clearHolder(lockPath)
    // A compromised lock is already gone; there is nothing left to release.
    await release().catch(() => undefined)
  }
  if (compromised) throw new LockCompromisedError(lockPath, { cause: compromised })
  return result
}

async function acquire(
  lockPath: string,
  options: LockOptions,
  onCompromised: (error: Error) => void,
): Promise<() => Promise<void>> {
  const started = Date.now()
  const deadline = started + options.timeoutMs
  const noticeAt = started + (options.waitNoticeMs ?? 1_000)
  let endNotice: (() => void) | undefined
  let noticed = false
  let stale = options.staleMs
  let holderCheckAt = started
  try {
    for (;;) {
      try {
        return await lockfile.lock(lockPath, {
          realpath: false,
          lockfilePath: lockPath,
          stale,
          retries: 0,
          onCompromised,
          fs: privateLockFs,
        })
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code
        if (code === 'ENOENT') {
          // The locks dir does not exist yet (first write for this owner).
          await mkdirPrivate(dirname(lockPath))
          continue
        }
        if (code !== 'ELOCKED') throw asStorageError(error, lockPath)
        if (Date.now() >= deadline) throw new LockTimeoutError(lockPath, { cause: error })
        if (!noticed && Date.now() >= noticeAt) {
          noticed = true
          endNotice = options.onWait?.()
        }
        // The holder died (same machine, pid gone): take the lock once proper-lockfile's minimum
        // stale time passed since its last refresh, instead of the full staleMs. Checked again each
        // time: a live process that took over meanwhile refreshes only every staleMs / 2, and the
        // short stale time would steal its lock.
        if (options.staleMs > DEAD_HOLDER_STALE_MS && Date.now() >= holderCheckAt) {
          holderCheckAt = Date.now() + 200
          stale = (await holderIsDead(lockPath)) ? DEAD_HOLDER_STALE_MS : options.staleMs
        }
        // Random back-off so contending processes do not retry in lockstep.
        await sleep(stale === DEAD_HOLDER_STALE_MS ? 50 : 2 + Math.random() * 18)
      }
    }
  } finally {
    endNotice?.()
  }
}
