import { spawnSync } from 'node:child_process'
import { mkdirSync, rmdirSync, statSync, writeFileSync } from 'node:fs'
import { mkdir, stat, utimes, writeFile } from 'node:fs/promises'
import { hostname } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { makeManager } from '../test/manager.js'
import { useTempDir } from '../test/temp-dir.js'
import type { LockWait } from './index.js'
import { withLock } from './lock.js'

const tmp = useTempDir()
const locksDir = () => join(tmp.path, 'sessions', '42', '.locks')

/** A lock directory as a crashed holder leaves it: fresh mtime, optionally a holder record. */
async function leaveLock(name: string, holderPid?: number): Promise<string> {
  const path = join(locksDir(), name)
  await mkdir(path, { recursive: true })
  if (holderPid !== undefined) {
    const { ino } = await stat(path)
    await writeFile(`${path}.holder`, JSON.stringify({ pid: holderPid, host: hostname(), ino }))
  }
  return path
}

/** The pid of a process that has exited (the pool of pids is large; reuse within a test is unlikely). */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'])
  return Number(child.stdout.toString())
}

describe('lock waits', () => {
  it('reports a wait that passes a second, once, and ends it when the lock is acquired', async () => {
    const waits: { wait: LockWait; at: number; endedAt?: number }[] = []
    const manager = makeManager(tmp.path, {
      onLockWait: (wait) => {
        const entry: (typeof waits)[number] = { wait, at: Date.now() }
        waits.push(entry)
        return () => {
          entry.endedAt = Date.now()
        }
      },
    })
    const meta = await manager.create({ owner: '42', name: 'work' })
    const lock = await leaveLock('owner.lock')
    // A live holder keeps refreshing its lock (as proper-lockfile does).
    const refresh = setInterval(() => void utimes(lock, new Date(), new Date()), 200)
    const started = Date.now()
    setTimeout(() => {
      clearInterval(refresh)
      void import('node:fs/promises').then((fs) => fs.rmdir(lock))
    }, 1_800)

    await manager.switch('42', 'work')
    expect(waits).toHaveLength(1)
    expect(waits[0]?.wait).toEqual({ owner: '42', sessionId: null })
    expect((waits[0]?.at ?? 0) - started).toBeGreaterThanOrEqual(950)
    expect((waits[0]?.at ?? 0) - started).toBeLessThan(1_700)
    expect(waits[0]?.endedAt).toBeGreaterThanOrEqual(started + 1_800)
    expect((await manager.active('42'))?.id).toBe(meta.id)
  })

  it('takes over a lock whose recorded holder died within ~2 s instead of the stale time', async () => {
    const manager = makeManager(tmp.path, { lockStaleMs: 6_000 })
    const meta = await manager.create({ owner: '42', name: 'work' })
    await leaveLock(`${meta.id}.lock`, deadPid())
    let started = Date.now()
    await manager.update('42', 'work', { touch: true })
    const deadHolderMs = Date.now() - started
    expect(deadHolderMs).toBeLessThan(3_500)

    // Without a record (or with a live holder) only the stale time frees it.
    await leaveLock(`${meta.id}.lock`)
    started = Date.now()
    await manager.update('42', 'work', { touch: true })
    expect(Date.now() - started).toBeGreaterThanOrEqual(5_500)
  }, 15_000)

  it('never takes over early from a holder that is alive (this very process)', async () => {
    const manager = makeManager(tmp.path, { lockStaleMs: 4_000 })
    const meta = await manager.create({ owner: '42', name: 'work' })
    const lock = await leaveLock(`${meta.id}.lock`, process.pid)
    const started = Date.now()
    await manager.update('42', 'work', { touch: true })
    expect(Date.now() - started).toBeGreaterThanOrEqual(3_500)
    await expect(stat(lock)).rejects.toMatchObject({ code: 'ENOENT' })
  }, 10_000)

  it('does not keep the short stale time for the next holder once the dead one is replaced', async () => {
    const lock = await leaveLock('x.lock', deadPid())
    const started = Date.now()
    let acquiredAt = 0
    const waiting = withLock(lock, { timeoutMs: 8_000, staleMs: 10_000 }, async () => {
      acquiredAt = Date.now()
    })
    // The waiter has seen the dead holder; now a live process takes the lock (in one tick: the
    // dead lock goes, the new one and its record appear). It refreshes only every staleMs / 2.
    await new Promise((resolve) => setTimeout(resolve, 500))
    rmdirSync(lock)
    mkdirSync(lock)
    const { ino } = statSync(lock)
    writeFileSync(`${lock}.holder`, JSON.stringify({ pid: process.pid, host: hostname(), ino }))
    setTimeout(() => rmdirSync(lock), 4_000) // the live holder releases it
    await waiting
    expect(acquiredAt - started).toBeGreaterThanOrEqual(3_900)
  }, 15_000)
})
