import { mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import lockfile from 'proper-lockfile'

export class InstanceLockedError extends Error {
  readonly code = 'INSTANCE_LOCKED'
  constructor(
    readonly dataDir: string,
    readonly pid: number | undefined,
  ) {
    super(
      `Another Switchboard bot${pid ? ` (pid ${pid})` : ''} is already running on ${dataDir}. Stop it first: two bots on one data directory would fight over sessions (and Telegram answers two pollers of one token with 409 Conflict).`,
    )
    this.name = 'InstanceLockedError'
  }
}

export interface InstanceLock {
  release(): Promise<void>
}

const STALE_MS = 10_000

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/**
 * One bot per data directory. The lock (proper-lockfile: a directory whose mtime the holder keeps
 * fresh) goes stale 10 s after its holder dies; a pid file lets a restart after `kill -9` take over
 * at once when that pid is gone, instead of waiting for staleness.
 */
export async function acquireInstanceLock(
  dataDir: string,
  onCompromised: (error: Error) => void,
): Promise<InstanceLock> {
  await mkdir(dataDir, { recursive: true, mode: 0o700 })
  const target = join(dataDir, 'bot')
  const pidFile = join(dataDir, 'bot.pid')
  await writeFile(target, '', { flag: 'a', mode: 0o600 })
  const recordedPid = Number.parseInt(await readFile(pidFile, 'utf8').catch(() => ''), 10)
  const holderDead = Number.isSafeInteger(recordedPid) && !isAlive(recordedPid)
  if (holderDead && (await lockfile.check(target, { stale: STALE_MS }))) {
    // lockfile.unlock only releases locks this process holds: remove the dead holder's lock dir.
    await rm(`${target}.lock`, { recursive: true, force: true })
  }
  let release: () => Promise<void>
  try {
    release = await lockfile.lock(target, {
      stale: STALE_MS,
      update: STALE_MS / 4,
      retries: holderDead ? { retries: 3, minTimeout: 200 } : 0,
      onCompromised,
    })
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ELOCKED') {
      throw new InstanceLockedError(
        dataDir,
        Number.isSafeInteger(recordedPid) ? recordedPid : undefined,
      )
    }
    throw error
  }
  await writeFile(pidFile, String(process.pid), { mode: 0o600 })
  return {
    release: async () => {
      await writeFile(pidFile, '').catch(() => undefined)
      await release().catch(() => undefined)
    },
  }
}
