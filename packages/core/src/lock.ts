import fs from 'node:fs'
import { dirname } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import lockfile from 'proper-lockfile'
import { LockCompromisedError, LockTimeoutError } from './errors.js'
import { mkdirPrivate, PRIVATE_DIR_MODE } from './private-mode.js'

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
}

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
  let result: T
  try {
    result = await fn()
  } finally {
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
  const deadline = Date.now() + options.timeoutMs
  for (;;) {
    try {
      return await lockfile.lock(lockPath, {
        realpath: false,
        lockfilePath: lockPath,
        stale: options.staleMs,
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
      if (code !== 'ELOCKED') throw error
      if (Date.now() >= deadline) throw new LockTimeoutError(lockPath, { cause: error })
      // Random back-off so contending processes do not retry in lockstep.
      await sleep(2 + Math.random() * 18)
    }
  }
}
