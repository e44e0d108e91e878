import { fileURLToPath } from 'node:url'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { SessionManager, type SessionMetadata } from '@switchboard/core'
import { makeTempDir } from '@switchboard/test-utils'
import { afterAll, expect, test } from 'vitest'
import { ProcessPool } from '../src/pool/process-pool.js'
import type { SessionRef } from '../src/pool/types.js'

// Resident memory of the supervisor (this Node process) with 50 sessions known to the pool, each of
// which ran one turn through the fake CLI and was then suspended by the idle timeout. (The RSS of an
// idle real CLI is reported by warm-vs-cold.bench.ts.)
const FAKE = fileURLToPath(new URL('../test/support/fake-claude.mjs', import.meta.url))
const SESSIONS = 50

setFlagsFromString('--expose-gc')
const gc = runInNewContext('gc') as () => void

const data = await makeTempDir('pool-bench-data')
let pool: ProcessPool | undefined
afterAll(async () => {
  await pool?.shutdown()
  await data.cleanup()
})

test(`supervisor memory with ${SESSIONS} suspended sessions`, { timeout: 120_000 }, async () => {
  const store = new SessionManager({ dataDir: data.path })
  const refs: SessionRef[] = []
  for (let i = 0; i < SESSIONS; i++) {
    const meta = await store.create({ owner: 'bench', name: `s${i}` })
    refs.push({ owner: meta.owner, id: meta.id })
  }
  const before = memory()
  const live = new ProcessPool({
    store,
    claudePath: FAKE,
    parentEnv: { PATH: process.env.PATH },
    idleTimeoutMs: 100,
    stopGraceMs: 200,
    onPermissionRequest: async () => ({ behavior: 'deny', message: 'bench' }),
  })
  pool = live
  const start = performance.now()
  await Promise.all(refs.map((ref) => live.send(ref, 'hello').done))
  const turnsMs = performance.now() - start
  while (refs.some((ref) => live.status(ref).live)) await sleep(20)
  // A process's exit is recorded in core just after the pool forgets it: give the writes a moment.
  const isSuspended = (m: SessionMetadata) =>
    m.status === 'suspended' && m.claudeSessionId && !m.pid
  let suspended: SessionMetadata[] = []
  for (let tries = 0; tries < 100 && suspended.length < SESSIONS; tries++) {
    if (tries > 0) await sleep(20)
    const metas = await Promise.all(refs.map((ref) => store.getById(ref.owner, ref.id)))
    suspended = metas.filter(isSuspended)
  }
  expect(suspended).toHaveLength(SESSIONS)
  const after = memory()

  const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`
  process.stdout.write(
    [
      '',
      `${SESSIONS} sessions, one turn each through the fake CLI (maxLive 4): ${(turnsMs / 1000).toFixed(1)} s`,
      `${suspended.length}/${SESSIONS} suspended in core with a claudeSessionId and pid null`,
      `supervisor RSS: ${mib(after.rss)} (${mib(before.rss)} before the pool; Δ ${mib(after.rss - before.rss)})`,
      `supervisor heap used: ${mib(after.heap)} (${mib(before.heap)} before the pool; Δ ${mib(after.heap - before.heap)})`,
      `heap per suspended session: ≈ ${((after.heap - before.heap) / SESSIONS / 1024).toFixed(1)} KiB`,
      '',
    ].join('\n'),
  )
})

function memory(): { rss: number; heap: number } {
  gc()
  const { rss, heapUsed } = process.memoryUsage()
  return { rss, heap: heapUsed }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}
