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

test('shutdown interrupts running turns, fails waiting ones and leaves no process alive', async () => {
  const pool = fx.pool({ maxLive: 3 })
  const [idle, busy, starting] = [await fx.session(), await fx.session(), await fx.session()]
  await pool.send(idle, 'hi').done
  const slow = pool.send(busy, 'SLOW 500')
  const queued = pool.send(busy, 'never sent')
  const perm = pool.send(starting, 'PERM Bash wait')
  for await (const event of slow) if (event.type === 'text_delta') break
  await vi.waitFor(() => expect(fx.held).toHaveLength(1))
  const pids = [idle, busy, starting].map((ref) => pool.status(ref).pid ?? 0)
  expect(pids.every(isAlive)).toBe(true)

  await pool.shutdown()
  expect(pids.filter(isAlive)).toEqual([])
  expect(await slow.done).toMatchObject({ subtype: 'error_during_execution' })
  await expect(queued.done).rejects.toMatchObject({ code: 'TURN_NOT_STARTED' })
  expect(perm.state).not.toBe('running')
  for (const ref of [idle, busy, starting]) {
    expect(pool.status(ref).live).toBe(false)
    expect(await fx.store.getById(ref.owner, ref.id)).toMatchObject({
      pid: null,
      status: 'suspended',
    })
  }
  await expect(pool.send(idle, 'too late').done).rejects.toMatchObject({
    code: 'TURN_NOT_STARTED',
    name: 'PoolShutdownError',
  })
})
