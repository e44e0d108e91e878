import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, test } from 'vitest'
import { SessionManager } from '../src/index.js'
import { writeSessionFixtures } from './fixtures.js'

// vitest 5: `bench` is a test-context fixture; each `.run()` prints ops/s and mean time.
const OWNER = '1'
const root = await mkdtemp(join(tmpdir(), 'switchboard-bench-'))
afterAll(() => rm(root, { recursive: true, force: true }))

for (const size of [1_000, 10_000]) {
  // Set up once per size, before vitest collects the benchmarks below.
  const dataDir = join(root, String(size))
  const names = await writeSessionFixtures(dataDir, OWNER, size)
  const manager = new SessionManager({ dataDir })
  let created = 0

  describe(`${size} sessions on disk`, () => {
    test('create', async ({ bench }) => {
      await bench(`create (${size})`, async () => {
        await manager.create({ owner: OWNER, name: `new-${created++}` })
      }).run({ time: 1_000 })
    })

    test('get by name', async ({ bench }) => {
      await bench(`get (${size})`, async () => {
        await manager.get(OWNER, names[Math.floor(Math.random() * names.length)] as string)
      }).run({ time: 1_000 })
    })

    test('list', async ({ bench }) => {
      await bench(`list (${size})`, async () => {
        await manager.list({ owner: OWNER })
      }).run({ time: 2_000 })
    })
  })
}
