import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, expect, test } from 'vitest'
import { INFLIGHT_FILE_NAME, InflightStore } from './inflight-store.js'
import { silentLogger } from './testing/fakes.js'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'inflight-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

const store = (boot: string) =>
  new InflightStore({ sessionDirectory: () => dir, logger: silentLogger, boot })

test('a turn cut off by a restart is reported once by the next run; delivered ones are not', async () => {
  const before = store('run-1')
  const delivered = before.add('42', 's1', 'first message')
  const cut = before.add('42', 's1', 'second message')
  await Promise.all([delivered.written, cut.written])
  await before.remove('42', 's1', delivered.key)
  // The bot dies here: the second entry stays on disk.
  const file = JSON.parse(await readFile(join(dir, INFLIGHT_FILE_NAME), 'utf8'))
  expect(file.turns.map((t: { prompt: string }) => t.prompt)).toEqual(['second message'])

  const after = store('run-2')
  const taken = await after.takeInterrupted('42', 's1')
  expect(taken.map((t) => t.prompt)).toEqual(['second message'])
  expect(await store('run-3').takeInterrupted('42', 's1')).toEqual([]) // reported only once
})

test('takeInterrupted keeps the current run’s entries and removes the file when empty', async () => {
  const old = store('old')
  await old.add('42', 's1', 'cut off').written
  const current = store('new')
  const mine = current.add('42', 's1', 'running now')
  await mine.written
  const taken = await current.takeInterrupted('42', 's1')
  expect(taken.map((t) => t.prompt)).toEqual(['cut off'])
  await current.remove('42', 's1', mine.key)
  await expect(readFile(join(dir, INFLIGHT_FILE_NAME), 'utf8')).rejects.toMatchObject({
    code: 'ENOENT',
  })
})

test('an unreadable file is treated as empty', async () => {
  const { writeFile } = await import('node:fs/promises')
  await writeFile(join(dir, INFLIGHT_FILE_NAME), '{not json')
  expect(await store('x').takeInterrupted('42', 's1')).toEqual([])
})
