import { execFileSync } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { EMPTY_USAGE, METADATA_SCHEMA_VERSION } from '@switchboard/core'
import { makeTempDir } from '@switchboard/test-utils'
import { afterAll, describe, test } from 'vitest'
import { BIN } from '../test/support/run-bin.js'

// `switchboard sessions` with 10,000 sessions on disk, process start included (target < 300 ms).
// vitest 5: `bench` is a test-context fixture. Runs the built bin (the global setup builds it).
const tmp = await makeTempDir('cli-bench')
afterAll(() => tmp.cleanup())
const dataDir = join(tmp.path, 'data')
const owner = '42'
const ownerDir = join(dataDir, 'sessions', owner)
mkdirSync(join(ownerDir, '.names'), { recursive: true })
for (let i = 0; i < 10_000; i++) {
  const id = randomUUID()
  const dir = join(ownerDir, id)
  const time = new Date(Date.parse('2026-01-01T00:00:00Z') + i * 60_000).toISOString()
  mkdirSync(join(dir, 'workspace'), { recursive: true })
  const meta = {
    schemaVersion: METADATA_SCHEMA_VERSION,
    ...{ id, name: `s${i}`, owner, persona: 'default', status: 'idle' },
    ...{ createdAt: time, lastActiveAt: time, workingDirectory: join(dir, 'workspace') },
    ...{ boundToProject: false, claudeSessionId: null, pid: null, usage: EMPTY_USAGE, topic: null },
  }
  writeFileSync(join(dir, 'metadata.json'), JSON.stringify(meta))
  writeFileSync(join(ownerDir, '.names', `s${i}`), `${id}\n`)
}
const env = { PATH: process.env.PATH ?? '', HOME: tmp.path, SWITCHBOARD_DATA_DIR: dataDir }

describe('switchboard sessions, 10,000 sessions', () => {
  for (const args of [['sessions'], ['sessions', '--json']]) {
    test(args.join(' '), { timeout: 300_000 }, async ({ bench }) => {
      await bench(`switchboard ${args.join(' ')} (10,000)`, () => {
        execFileSync(process.execPath, [BIN, ...args], { env, stdio: 'ignore' })
      }).run({ time: 2_000, iterations: 5, warmupIterations: 1 })
    })
  }
})
