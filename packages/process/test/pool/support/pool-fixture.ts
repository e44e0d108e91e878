import { SessionManager } from '@switchboard/core'
import { makeTempDir } from '@switchboard/test-utils'
import type { PermissionDecision } from '../../../src/permissions.js'
import { ProcessPool } from '../../../src/pool/process-pool.js'
import type { ProcessPoolOptions, SessionRef } from '../../../src/pool/types.js'
import { FAKE_CLAUDE } from '../../support/fake-process.js'

/** A pending permission answer the test resolves when it wants the turn to go on. */
export interface HeldPermission {
  ref: SessionRef
  command: string
  answer(decision: PermissionDecision): void
}

/**
 * A real SessionManager on a temp data dir, and pools driving the fake CLI (test/support/fake-claude.mjs).
 * `close()` shuts every pool down and removes the temp dirs.
 */
export async function makePoolFixture() {
  const dataDir = await makeTempDir('pool-data')
  const stateDir = await makeTempDir('pool-fake-state')
  const store = new SessionManager({ dataDir: dataDir.path })
  const pools: ProcessPool[] = []
  const held: HeldPermission[] = []
  let count = 0

  return {
    store,
    held,
    stateDir: stateDir.path,
    async session(): Promise<SessionRef> {
      const meta = await store.create({ owner: 'u1', name: `s${++count}` })
      return { owner: meta.owner, id: meta.id }
    },
    pool(options: Partial<ProcessPoolOptions> & { fakeEnv?: Record<string, string> } = {}) {
      const { fakeEnv, ...rest } = options
      const pool = new ProcessPool({
        store,
        claudePath: FAKE_CLAUDE,
        parentEnv: {
          PATH: process.env.PATH,
          CLAUDE_FAKE_STATE_DIR: stateDir.path,
          ...fakeEnv,
        },
        stopGraceMs: 200,
        killAfterMs: 300,
        // Holds every permission request until the test answers it.
        onPermissionRequest: (ref, request) =>
          new Promise((answer) => {
            held.push({ ref, command: String(request.input.command), answer })
          }),
        ...rest,
      })
      pools.push(pool)
      return pool
    },
    async close() {
      for (const permission of held.splice(0)) permission.answer({ behavior: 'allow' })
      await Promise.all(pools.map((pool) => pool.shutdown()))
      await dataDir.cleanup()
      await stateDir.cleanup()
    },
  }
}

export type PoolFixture = Awaited<ReturnType<typeof makePoolFixture>>
