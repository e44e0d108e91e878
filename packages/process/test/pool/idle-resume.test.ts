import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
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

async function argvOf(turn: { done: Promise<{ text: string | undefined }> }): Promise<string[]> {
  return JSON.parse((await turn.done).text ?? '[]')
}

test('an idle process is stopped: core says suspended, pid null; the next message resumes', async () => {
  const pool = fx.pool({ idleTimeoutMs: 150 })
  const ref = await fx.session()
  const first = await argvOf(pool.send(ref, 'ARGV?'))
  expect(first.some((arg) => arg.startsWith('--resume'))).toBe(false)
  const pid = pool.status(ref).pid ?? 0
  const { claudeSessionId } = await fx.store.getById(ref.owner, ref.id)
  expect(claudeSessionId).toMatch(/^[0-9a-f-]{36}$/)

  await vi.waitFor(() => expect(pool.status(ref).live).toBe(false))
  expect(isAlive(pid)).toBe(false)
  await vi.waitFor(async () =>
    expect(await fx.store.getById(ref.owner, ref.id)).toMatchObject({
      status: 'suspended',
      pid: null,
    }),
  )

  const second = await argvOf(pool.send(ref, 'ARGV?'))
  expect(second).toContain(`--resume=${claudeSessionId}`)
  expect(await fx.store.getById(ref.owner, ref.id)).toMatchObject({
    status: 'active',
    pid: pool.status(ref).pid,
    claudeSessionId,
  })
})

test('"allow always" rules survive a process restart of the session', async () => {
  const pool = fx.pool()
  const ref = await fx.session()
  const turn = pool.send(ref, 'PERM Bash echo hi')
  await vi.waitFor(() => expect(fx.held).toHaveLength(1))
  fx.held.shift()?.answer({ behavior: 'allow', always: true })
  await turn.done
  await pool.suspend(ref)
  expect(await fx.store.getById(ref.owner, ref.id)).toMatchObject({ status: 'suspended' })
  expect(await argvOf(pool.send(ref, 'ARGV?'))).toContain('--allowedTools=Bash(echo hi)')
})

test('restart: the next message gets a fresh process with the new persona flags', async () => {
  const pool = fx.pool()
  const ref = await fx.session()
  expect(await argvOf(pool.send(ref, 'ARGV?'))).not.toContain('--model=restart-model')
  const pid = pool.status(ref).pid
  const name = (await fx.store.getById(ref.owner, ref.id)).name
  await mkdir(fx.store.personas.userDir, { recursive: true })
  const persona = {
    name: 'fresh',
    description: 'fresh',
    systemPrompt: '',
    settings: { model: 'restart-model' },
  }
  await writeFile(join(fx.store.personas.userDir, 'fresh.json'), JSON.stringify(persona))
  await fx.store.setPersona(ref.owner, name, 'fresh')
  await pool.restart(ref)
  expect(pool.status(ref).live).toBe(false)
  const argv = await argvOf(pool.send(ref, 'ARGV?'))
  expect(argv).toContain('--model=restart-model')
  expect(pool.status(ref).pid).not.toBe(pid)
})
