import { afterEach, beforeEach, expect, test } from 'vitest'
import { ProcessError } from '../../src/errors.js'
import { makePoolFixture, type PoolFixture } from './support/pool-fixture.js'

let fx: PoolFixture
beforeEach(async () => {
  fx = await makePoolFixture()
})
afterEach(async () => {
  await fx.close()
})

test('a crash mid-turn fails that turn with the stderr tail; waiting prompts replay in a resumed process', async () => {
  const pool = fx.pool()
  const ref = await fx.session()
  await pool.send(ref, 'before').done
  const { claudeSessionId } = await fx.store.getById(ref.owner, ref.id)
  const crash = pool.send(ref, 'CRASH')
  const second = pool.send(ref, 'second')
  const third = pool.send(ref, 'ARGV?')
  await expect(crash.done).rejects.toMatchObject({
    code: 'PROCESS_EXITED',
    exitCode: 3,
    message: expect.stringContaining('something broke inside'),
  })
  expect(crash.state).toBe('failed')
  expect((await second.done).text).toBe('echo: second')
  const argv: string[] = JSON.parse((await third.done).text ?? '[]')
  expect(argv).toContain(`--resume=${claudeSessionId}`)
  expect((await pool.send(ref, 'after').done).text).toBe('echo: after')
  const meta = await fx.store.getById(ref.owner, ref.id)
  expect(meta).toMatchObject({ status: 'active', claudeSessionId, pid: pool.status(ref).pid })
})

test('a process that never gets ready fails the waiting turns (no respawn loop)', async () => {
  const pool = fx.pool({ startTimeoutMs: 300, fakeEnv: { CLAUDE_FAKE_NO_INIT: '1' } })
  const ref = await fx.session()
  const turns = [pool.send(ref, 'one'), pool.send(ref, 'two')]
  for (const turn of turns) await expect(turn.done).rejects.toMatchObject({ code: 'START_TIMEOUT' })
  expect(pool.status(ref)).toMatchObject({ live: false, queueLength: 0 })
})

test('a missing CLI fails the turn with CLI_NOT_FOUND; a deleted session with SPAWN_FAILED', async () => {
  const missing = fx.pool({ claudePath: '/nonexistent/claude' })
  const ref = await fx.session()
  await expect(missing.send(ref, 'hi').done).rejects.toMatchObject({ code: 'CLI_NOT_FOUND' })
  const pool = fx.pool()
  const error = await pool
    .send({ owner: 'u1', id: 'no-such-session' }, 'hi')
    .done.catch((e: unknown) => e)
  expect(error).toBeInstanceOf(ProcessError)
  expect(error).toMatchObject({ code: 'SPAWN_FAILED' })
})
