import { readFile, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { makeTempDir } from '@switchboard/test-utils'
import { afterEach, expect, test } from 'vitest'
import { silentLogger } from './testing/fakes.js'
import { KEPT_TURNS, OUTPUT_CAP_CHARS, TURN_LOG_FILE, TurnLogStore } from './turn-log-store.js'

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((c) => c()))
})

async function dir(): Promise<string> {
  const d = await makeTempDir('turn-logs')
  cleanups.push(d.cleanup)
  return d.path
}

const turn = (turnId: string, output?: string) => ({
  turnId,
  sessionName: 'main',
  at: '2026-01-01T10:00:00.000Z',
  summary: '✓ done — 1 tool, 2 s',
  tools: [{ name: 'Bash', line: 'npm test — exit 1', state: 'failed' as const, tail: [], output }],
})

test('keeps the newest turns (0600), finds one by id, and caps huge outputs at their end', async () => {
  const d = await dir()
  const store = new TurnLogStore()
  const saves = Array.from({ length: KEPT_TURNS + 2 }, (_, i) =>
    store.save(d, turn(`t${i}`), silentLogger),
  )
  await Promise.all(saves)
  expect((await store.last(d, silentLogger))?.turnId).toBe(`t${KEPT_TURNS + 1}`)
  expect(await store.find(d, 't0', silentLogger)).toBeUndefined()
  expect(await store.find(d, 't3', silentLogger)).toMatchObject({ turnId: 't3' })
  expect((await stat(join(d, TURN_LOG_FILE))).mode & 0o777).toBe(0o600)

  const huge = `${'x'.repeat(OUTPUT_CAP_CHARS)}THE END`
  await store.save(d, turn('big', huge), silentLogger)
  const kept = (await store.last(d, silentLogger))?.tools[0]?.output ?? ''
  expect(kept.endsWith('THE END')).toBe(true)
  expect(kept.length).toBeLessThanOrEqual(OUTPUT_CAP_CHARS + 2)
})

test('a damaged file reads as no logs, and the next save replaces it', async () => {
  const d = await dir()
  await writeFile(join(d, TURN_LOG_FILE), '{"version": 1, "turns": [{"bad": true}]}')
  const store = new TurnLogStore()
  expect(await store.last(d, silentLogger)).toBeUndefined()
  await store.save(d, turn('t1'), silentLogger)
  expect(JSON.parse(await readFile(join(d, TURN_LOG_FILE), 'utf8')).turns).toHaveLength(1)
})
