import { afterEach, beforeEach, expect, test } from 'vitest'
import { collect } from '../support/fake-process.js'
import { makePoolFixture, type PoolFixture } from './support/pool-fixture.js'

let f: PoolFixture
beforeEach(async () => {
  f = await makePoolFixture()
})
afterEach(() => f.close())

test('stop(): a CLI that answers ends the turn itself (interrupted); queued turns still run', async () => {
  const pool = f.pool({ interruptGraceMs: 2000 })
  const ref = await f.session()
  const slow = pool.send(ref, 'SLOW 200')
  const next = pool.send(ref, 'after')
  await waitUntil(() => pool.status(ref).running)
  expect(await pool.stop(ref)).toBe('interrupted')
  expect((await slow.done).subtype).toBe('error_during_execution')
  expect((await next.done).text).toBe('echo: after')
})

test('stop(): an interrupt that is never answered is not waited for: killed after the grace, TURN_STOPPED', async () => {
  const pool = f.pool({ interruptGraceMs: 300, fakeEnv: { CLAUDE_FAKE_CONTROL: 'ignore' } })
  const ref = await f.session()
  const hung = pool.send(ref, 'HANG')
  const queued = pool.send(ref, 'queued behind it')
  await waitUntil(() => pool.status(ref).running)
  const pid = pool.status(ref).pid
  const startedAt = Date.now()
  expect(await pool.stop(ref)).toBe('killed')
  expect(Date.now() - startedAt).toBeLessThan(2000)
  const { error } = await collect(hung)
  expect(error).toMatchObject({ code: 'TURN_STOPPED', reason: 'stop' })
  // The queued message runs in a fresh (resumed) process.
  expect((await queued.done).text).toBe('echo: queued behind it')
  expect(pool.status(ref).pid).not.toBe(pid)
})

test('stop(): an interrupt refused at once is escalated at once', async () => {
  const pool = f.pool({ interruptGraceMs: 10_000, fakeEnv: { CLAUDE_FAKE_CONTROL: 'error' } })
  const ref = await f.session()
  const hung = pool.send(ref, 'HANG')
  await waitUntil(() => pool.status(ref).running)
  const startedAt = Date.now()
  expect(await pool.stop(ref)).toBe('killed')
  expect(Date.now() - startedAt).toBeLessThan(2000)
  await expect(hung.done).rejects.toMatchObject({ code: 'TURN_STOPPED' })
})

test('stop(): nothing running, or another turn than the one named → none', async () => {
  const pool = f.pool()
  const ref = await f.session()
  expect(await pool.stop(ref)).toBe('none')
  expect((await pool.send(ref, 'hi').done).text).toBe('echo: hi')
  expect(await pool.stop(ref)).toBe('none')
  const slow = pool.send(ref, 'SLOW 100')
  await waitUntil(() => pool.status(ref).running)
  expect(await pool.stop(ref, { turnId: 'turn_999' })).toBe('none')
  expect(await pool.stop(ref, { turnId: slow.id })).toBe('interrupted')
})

async function waitUntil(probe: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!probe()) {
    if (Date.now() > deadline) throw new Error('timed out')
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}
