import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { SessionManager } from '@switchboard/core'
import {
  claudeEnv,
  type FakeAnthropicApi,
  makeTempDir,
  startFakeAnthropicApi,
} from '@switchboard/test-utils'
import { afterAll, beforeAll, expect, test, vi } from 'vitest'
import { ProcessPool } from '../../src/pool/process-pool.js'

// The pool against the real Claude Code CLI, with the model replaced by the fake Messages API.
const CLAUDE = fileURLToPath(new URL('../../node_modules/.bin/claude', import.meta.url))

let api: FakeAnthropicApi
let home: Awaited<ReturnType<typeof makeTempDir>>
let data: Awaited<ReturnType<typeof makeTempDir>>
let pool: ProcessPool | undefined

beforeAll(async () => {
  api = await startFakeAnthropicApi()
  home = await makeTempDir('pool-e2e-home')
  data = await makeTempDir('pool-e2e-data')
})
afterAll(async () => {
  await pool?.shutdown()
  await api.close()
  await home.cleanup()
  await data.cleanup()
})

test('a session suspended by the idle timeout resumes with its conversation', {
  timeout: 30_000,
}, async () => {
  const store = new SessionManager({ dataDir: data.path })
  const meta = await store.create({ owner: 'u1', name: 'e2e' })
  const ref = { owner: meta.owner, id: meta.id }
  pool = new ProcessPool({
    store,
    claudePath: CLAUDE,
    parentEnv: claudeEnv({ apiUrl: api.url, home: home.path }),
    idleTimeoutMs: 300,
    onPermissionRequest: async () => ({ behavior: 'deny', message: 'not in this test' }),
  })
  expect((await pool.send(ref, 'hello pool').done).text).toBe('echo: hello pool')
  const first = await store.getById(ref.owner, ref.id)
  expect(first).toMatchObject({ status: 'active', usage: { turns: 1 } })
  expect(first.usage.costUsd).toBeGreaterThan(0)

  await vi.waitFor(() => expect(pool?.status(ref).live).toBe(false), { timeout: 10_000 })
  await vi.waitFor(async () =>
    expect(await store.getById(ref.owner, ref.id)).toMatchObject({
      status: 'suspended',
      pid: null,
    }),
  )

  const resumed = await pool.send(ref, 'REMEMBER?').done
  expect(resumed.text).toBe('history: hello pool')
  const second = await store.getById(ref.owner, ref.id)
  expect(second).toMatchObject({ status: 'active', claudeSessionId: first.claudeSessionId })
  expect(second.usage.turns).toBe(2)
  // The CLI's total_cost_usd goes on across --resume: the pool added only the second turn's cost.
  expect(resumed.costUsd).toBeGreaterThan(first.usage.costUsd)
  expect(second.usage.costUsd).toBeCloseTo(resumed.costUsd ?? 0, 10)
})

test('a turn sent as a CLI command runs when the process has it, and fails CLI_COMMAND_UNKNOWN when not', {
  timeout: 30_000,
}, async () => {
  const store = new SessionManager({ dataDir: data.path })
  const meta = await store.create({ owner: 'u2', name: 'cmds' })
  const ref = { owner: meta.owner, id: meta.id }
  const commands = join(meta.workingDirectory, '.claude', 'commands')
  await mkdir(commands, { recursive: true })
  await writeFile(
    join(commands, 'review-pr.md'),
    '---\ndescription: R\n---\nReview PR $ARGUMENTS.\n',
  )
  await pool?.shutdown()
  pool = new ProcessPool({
    store,
    claudePath: CLAUDE,
    parentEnv: claudeEnv({ apiUrl: api.url, home: home.path }),
    onPermissionRequest: async () => ({ behavior: 'deny', message: 'not in this test' }),
  })
  // Both queued before the process has started: each is checked against what it announces.
  const known = pool.send(ref, '/review-pr 3', { cliCommand: 'review-pr' })
  const gone = pool.send(ref, '/gone 1', { cliCommand: 'gone' })
  const after = pool.send(ref, 'still here')
  expect((await known.done).text).toBe('echo: Review PR 3.')
  await expect(gone.done).rejects.toMatchObject({ code: 'CLI_COMMAND_UNKNOWN', command: 'gone' })
  expect((await after.done).text).toBe('echo: still here')
  // Without the check, Claude Code 2.1.330 gives an unknown command to the model as plain text.
  expect(api.requests.some((r) => r.prompt.includes('/gone'))).toBe(false)
  expect((await pool.send(ref, '/gone 2').done).text).toBe('echo: /gone 2')
})
