import { afterEach, beforeEach, expect, test, vi } from 'vitest'
import type { TurnEvent } from '../../src/turn-events.js'
import { collect, isAlive } from '../support/fake-process.js'
import { makePoolFixture, type PoolFixture } from './support/pool-fixture.js'

let fx: PoolFixture
beforeEach(async () => {
  fx = await makePoolFixture()
})
afterEach(async () => {
  await fx.close()
})

test('messages sent while the process starts run in order, in one process', async () => {
  const pool = fx.pool({ fakeEnv: { CLAUDE_FAKE_START_DELAY_MS: '300' } })
  const ref = await fx.session()
  const turns = ['one', 'two', 'three'].map((text) => pool.send(ref, text))
  expect(turns.map((t) => t.state)).toEqual(['queued', 'queued', 'queued'])
  expect(pool.status(ref)).toMatchObject({ live: true, state: 'starting', queueLength: 3 })
  const results = await Promise.all(turns.map((t) => t.done))
  expect(results.map((r) => r.text)).toEqual(['echo: one', 'echo: two', 'echo: three'])
  const [firstTurn] = turns
  if (!firstTurn) throw new Error('no turn')
  const { events } = await collect<TurnEvent>(firstTurn)
  expect(events.at(-1)).toMatchObject({ type: 'result', text: 'echo: one' })

  const status = pool.status(ref)
  expect(status).toMatchObject({ live: true, state: 'idle', queueLength: 0, running: false })
  expect(status.model).toBe('fake-model')
  const meta = await fx.store.getById(ref.owner, ref.id)
  expect(meta.status).toBe('active')
  expect(meta.pid).toBe(status.pid)
  expect(isAlive(status.pid ?? 0)).toBe(true)
})

test('a permission request names the pool turn, and its answer reaches the CLI', async () => {
  const pool = fx.pool()
  const ref = await fx.session()
  await pool.send(ref, 'warm up').done
  const turn = pool.send(ref, 'PERM Bash ls -la')
  await vi.waitFor(() => expect(fx.held).toHaveLength(1))
  expect(turn.state).toBe('running')
  expect(pool.status(ref)).toMatchObject({ running: true })
  expect(fx.held[0]?.ref).toEqual(ref)
  fx.held.shift()?.answer({ behavior: 'deny', message: 'not now' })
  const { events } = await collect<TurnEvent>(turn)
  expect(events.find((e) => e.type === 'permission_request')).toMatchObject({
    request: { turnId: turn.id, toolName: 'Bash' },
  })
  expect((await turn.done).text).toContain('not now')
})

test('interrupt stops the running turn; the next message still runs', async () => {
  const pool = fx.pool()
  const ref = await fx.session()
  const slow = pool.send(ref, 'SLOW 200')
  const next = pool.send(ref, 'after')
  for await (const event of slow) if (event.type === 'text_delta') break
  expect(pool.status(ref).queueLength).toBe(1)
  expect(await pool.interrupt(ref)).toBe(true)
  expect(await slow.done).toMatchObject({ subtype: 'error_during_execution' })
  expect((await next.done).text).toBe('echo: after')
  expect(await pool.interrupt(ref)).toBe(false)
})

test('setModel and setPermissionMode reach the live process and survive a resume', async () => {
  const pool = fx.pool()
  const ref = await fx.session()
  await pool.setModel(ref, 'not-live') // no process: nothing happens
  await pool.send(ref, 'hi').done
  await pool.setModel(ref, 'opus-x')
  await pool.setPermissionMode(ref, 'plan')
  expect(pool.status(ref)).toMatchObject({ model: 'opus-x', permissionMode: 'plan' })
  await pool.suspend(ref)
  const controls = JSON.parse((await pool.send(ref, 'CTRL?').done).text ?? '[]')
  expect(controls.map((c: { subtype: string }) => c.subtype)).toEqual([
    'initialize',
    'set_model',
    'set_permission_mode',
  ])
})
