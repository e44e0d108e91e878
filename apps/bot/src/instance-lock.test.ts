import { spawn } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, expect, test } from 'vitest'
import { acquireInstanceLock, InstanceLockedError } from './instance-lock.js'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sb-lock-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

test('a second bot on the same data directory is refused; after release it may start', async () => {
  const first = await acquireInstanceLock(dir, () => undefined)
  const second = acquireInstanceLock(dir, () => undefined)
  await expect(second).rejects.toBeInstanceOf(InstanceLockedError)
  await expect(second).rejects.toThrow(`pid ${process.pid}`)
  await first.release()
  const third = await acquireInstanceLock(dir, () => undefined)
  await third.release()
})

test('a lock left by a killed bot (kill -9) is taken over at once when its pid is gone', async () => {
  const first = await acquireInstanceLock(dir, () => undefined)
  // Simulate a holder that died without releasing: the lock stays, the pid file names a dead pid.
  const dead = spawn(process.execPath, ['-e', '0'])
  await new Promise((resolve) => dead.on('exit', resolve))
  await writeFile(join(dir, 'bot.pid'), String(dead.pid))
  const next = await acquireInstanceLock(dir, () => undefined)
  await next.release()
  await first.release().catch(() => undefined)
})
