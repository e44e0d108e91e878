import { afterEach, beforeEach, expect, test, vi } from 'vitest'
import { isAlive } from '../support/fake-process.js'
import { makePoolFixture, type PoolFixture } from './support/pool-fixture.js'

let fx: PoolFixture
beforeEach(async () => {
  fx = await makePoolFixture()
})
afterEach(async () => {
  await fx.close()
})

test('at maxLive the least recently used idle process makes room; its session resumes later', async () => {
  const pool = fx.pool({ maxLive: 2 })
  const [a, b, c] = [await fx.session(), await fx.session(), await fx.session()]
  await pool.send(a, 'a1').done
  await pool.send(b, 'b1').done
  const pidA = pool.status(a).pid ?? 0
  await pool.send(a, 'a2').done // a is now the most recently used: b goes
  const pidB = pool.status(b).pid ?? 0
  expect((await pool.send(c, 'c1').done).text).toBe('echo: c1')
  expect(pool.status(b)).toMatchObject({ live: false, pid: null })
  expect(isAlive(pidB)).toBe(false)
  expect(pool.status(a).pid).toBe(pidA)
  const metaB = await fx.store.getById(b.owner, b.id)
  expect(metaB).toMatchObject({ status: 'suspended', pid: null })
  const argv = JSON.parse((await pool.send(b, 'ARGV?').done).text ?? '[]')
  expect(argv).toContain(`--resume=${metaB.claudeSessionId}`)
})

test('busy processes are never evicted; a waiting turn gets the first slot that frees', async () => {
  const pool = fx.pool({ maxLive: 2 })
  const [a, b, c] = [await fx.session(), await fx.session(), await fx.session()]
  const busyA = pool.send(a, 'PERM Bash work-a')
  const busyB = pool.send(b, 'PERM Bash work-b')
  await vi.waitFor(() => expect(fx.held).toHaveLength(2))
  const waiting = pool.send(c, 'c waits')
  const pidA = pool.status(a).pid ?? 0
  const pidB = pool.status(b).pid ?? 0
  // Nothing is idle: c waits, queued, without a process, and nobody is stopped.
  await new Promise((resolve) => setTimeout(resolve, 150))
  expect(waiting.state).toBe('queued')
  expect(pool.status(c)).toMatchObject({ live: false, queueLength: 1 })
  expect([isAlive(pidA), isAlive(pidB)]).toEqual([true, true])

  fx.held.find((p) => p.ref.id === a.id)?.answer({ behavior: 'allow' })
  await busyA.done
  expect((await waiting.done).text).toBe('echo: c waits')
  // a went idle, so it made room; b (still waiting for its permission) kept its process.
  expect(pool.status(a).live).toBe(false)
  expect(pool.status(b)).toMatchObject({ live: true, running: true, pid: pidB })
  fx.held.find((p) => p.ref.id === b.id)?.answer({ behavior: 'allow' })
  expect((await busyB.done).subtype).toBe('success')
})
