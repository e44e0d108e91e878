import { readFileSync } from 'node:fs'
import { SessionManager } from '@switchboard/core'
import { claudeEnv, makeTempDir } from '@switchboard/test-utils'
import { afterAll, afterEach, beforeAll, expect, test, vi } from 'vitest'
import { ProcessPool } from '../../src/pool/process-pool.js'
import type { ProcessPoolOptions, SessionRef } from '../../src/pool/types.js'
import { processTree, readStat } from '../../src/process-tree.js'
import type { Turn } from '../../src/turn.js'
import type { TurnEvent } from '../../src/turn-events.js'
import { isAlive } from '../support/fake-process.js'
import { REAL_CLAUDE, useRealCliEnv } from '../support/real-cli.js'

// The watchdog, stop() and slot reclaim against the real CLI, the model replaced by the fake API.
const env = useRealCliEnv('home')
const STALL_MS = 1500
let data: Awaited<ReturnType<typeof makeTempDir>>
let store: SessionManager
const pools: ProcessPool[] = []
const stopped = new Set<number>()

beforeAll(async () => {
  data = await makeTempDir('frozen-cli-data')
  store = new SessionManager({ dataDir: data.path })
})
afterEach(async () => {
  for (const pid of stopped) continueProcess(pid) // so shutdown's SIGTERM is not held back
  stopped.clear()
  await Promise.all(pools.splice(0).map((pool) => pool.shutdown()))
})
afterAll(() => data.cleanup())

function makePool(options: Partial<ProcessPoolOptions> = {}): ProcessPool {
  const pool = new ProcessPool({
    store,
    claudePath: REAL_CLAUDE,
    parentEnv: claudeEnv({ apiUrl: env.api.url, home: env.dirs.home }),
    stallTimeoutMs: STALL_MS,
    interruptGraceMs: 1000,
    onPermissionRequest: async (_ref, request) => ({
      behavior: 'allow',
      updatedInput: request.input,
    }),
    ...options,
  })
  pools.push(pool)
  return pool
}

async function session(name: string): Promise<SessionRef> {
  const meta = await store.create({ owner: 'u1', name })
  return { owner: meta.owner, id: meta.id }
}

/** Iterates a turn in the background: its events so far, each with the time it arrived. */
function watch(turn: Turn) {
  const seen: { event: TurnEvent; at: number }[] = []
  const finished = (async () => {
    try {
      for await (const event of turn) seen.push({ event, at: Date.now() })
    } catch (error) {
      return error as Error & { code?: string; reason?: string }
    }
    return undefined
  })()
  const types = () => seen.map((s) => s.event.type)
  const when = (type: TurnEvent['type']) => seen.find((s) => s.event.type === type)
  return { seen, types, when, finished }
}

function freeze(pid: number | null): number {
  if (pid === null) throw new Error('no process')
  process.kill(pid, 'SIGSTOP')
  stopped.add(pid)
  return pid
}

function continueProcess(pid: number): void {
  try {
    process.kill(pid, 'SIGCONT')
  } catch {
    // gone
  }
}

test('a frozen CLI (SIGSTOP) is reported stalled; stop() kills it within the grace; the next message resumes', {
  timeout: 60_000,
}, async () => {
  const pool = makePool()
  const ref = await session('frozen')
  expect((await pool.send(ref, 'first words').done).text).toBe('echo: first words')
  const slow = 'SLOW:5000:a b c d e f g h i j'
  const turn = watch(pool.send(ref, slow))
  await vi.waitFor(() => expect(turn.types()).toContain('text_delta'), { timeout: 20_000 })
  const frozenAt = Date.now()
  const pid = freeze(pool.status(ref).pid)
  expect(readStat(pid)?.pgrp).toBe(pid) // the CLI leads its own process group
  await vi.waitFor(() => expect(turn.types()).toContain('stalled'), { timeout: 10_000 })
  const stall = turn.when('stalled')
  expect(stall?.event).toMatchObject({ silentForMs: expect.any(Number) })
  expect((stall?.at ?? 0) - frozenAt).toBeLessThan(STALL_MS + 1500)

  const stopAt = Date.now()
  expect(await pool.stop(ref)).toBe('killed')
  const error = await turn.finished
  const stopMs = Date.now() - stopAt
  expect(error).toMatchObject({ code: 'TURN_STOPPED', reason: 'stop' })
  expect(stopMs).toBeLessThan(3000) // the grace (1 s) and the kill, never the 10 s control timeout
  expect(isAlive(pid)).toBe(false)
  // biome-ignore lint/suspicious/noConsole: a measured figure for the issue's closing note
  console.info(`[measure] stop() of a frozen CLI → turn ended in ${stopMs} ms`)

  const recalled = await pool.send(ref, 'REMEMBER?').done
  expect(recalled.text).toContain('first words')
  expect(pool.status(ref).pid).not.toBe(pid)
})

test('a hanging model is stalled; stop() interrupts it and the CLI ends the turn itself', {
  timeout: 60_000,
}, async () => {
  const pool = makePool()
  const ref = await session('hang')
  const turn = watch(pool.send(ref, 'HANG'))
  await vi.waitFor(() => expect(turn.types()).toContain('stalled'), { timeout: 20_000 })
  expect(await pool.stop(ref)).toBe('interrupted')
  expect(await turn.finished).toBeUndefined()
  expect(turn.seen.at(-1)?.event).toMatchObject({
    type: 'result',
    subtype: 'error_during_execution',
  })
  expect((await pool.send(ref, 'after the hang').done).text).toBe('echo: after the hang')
})

test('a permission prompt waiting for the user is not a stall', { timeout: 60_000 }, async () => {
  const pool = makePool({
    onPermissionRequest: async (_ref, request) => {
      await new Promise((resolve) => setTimeout(resolve, STALL_MS * 3))
      return { behavior: 'allow', updatedInput: request.input }
    },
  })
  const ref = await session('asking')
  const turn = watch(pool.send(ref, 'TOOL:Bash:echo hi > asked.txt'))
  expect(await turn.finished).toBeUndefined()
  expect(turn.types()).toContain('permission_request')
  expect(turn.types()).not.toContain('stalled')
  expect(turn.seen.at(-1)?.event).toMatchObject({ type: 'result', isError: false })
})

test('a silent Bash command is reported as silence, and active again when it is done', {
  timeout: 60_000,
}, async () => {
  // CLI 2.1.330 prints nothing while a command runs (one task_started line after ~3 s).
  const pool = makePool()
  const ref = await session('silent-bash')
  const turn = watch(pool.send(ref, 'TOOL:Bash:echo wait && sleep 4'))
  expect(await turn.finished).toBeUndefined()
  const types = turn.types()
  expect(types.indexOf('stalled')).toBeGreaterThan(types.indexOf('tool_use'))
  expect(types.indexOf('active')).toBeGreaterThan(types.indexOf('stalled'))
  expect(types.at(-1)).toBe('result')
})

test('a stalled turn gives its slot to a waiting session (maxLive 1); the stalled one ends stopped', {
  timeout: 60_000,
}, async () => {
  const pool = makePool({ maxLive: 1 })
  const a = await session('slot-a')
  const b = await session('slot-b')
  const frozen = watch(pool.send(a, 'SLOW:5000:k l m n o p q r s t'))
  await vi.waitFor(() => expect(frozen.types()).toContain('text_delta'), { timeout: 20_000 })
  freeze(pool.status(a).pid)
  const other = pool.send(b, 'hello from b')
  expect((await other.done).text).toBe('echo: hello from b')
  expect(await frozen.finished).toMatchObject({ code: 'TURN_STOPPED', reason: 'stalled' })
  expect(frozen.types()).toContain('stalled')
})

test('a turn silent for 3× the stall timeout is killed with the tools it started', {
  timeout: 60_000,
}, async () => {
  const pool = makePool()
  const ref = await session('reclaim')
  const turn = watch(pool.send(ref, 'TOOL:Bash:echo wait && sleep 300'))
  let sleeper: number | undefined
  await vi.waitFor(
    () => {
      const pid = pool.status(ref).pid ?? 0
      sleeper = processTree(pid).find((p) => p.pid !== pid && readName(p.pid) === 'sleep')?.pid
      expect(sleeper).toBeDefined()
    },
    { timeout: 20_000 },
  )
  const error = await turn.finished
  expect(error).toMatchObject({ code: 'TURN_STOPPED', reason: 'stalled' })
  const stall = turn.when('stalled')?.at ?? 0
  expect(Date.now() - stall).toBeGreaterThanOrEqual(STALL_MS * 2 - 200)
  await vi.waitFor(() => expect(isAlive(sleeper ?? 0)).toBe(false), { timeout: 3000 })
  expect(pool.status(ref).live).toBe(false)
  await vi.waitFor(async () =>
    expect(await store.getById(ref.owner, ref.id)).toMatchObject({
      pid: null,
      status: 'suspended',
    }),
  )
})

function readName(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim()
  } catch {
    return ''
  }
}
