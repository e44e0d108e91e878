import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, expect, test } from 'vitest'
import { loadPollOffset, pollOffsetPath, savePollOffset } from './poll-offset.js'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'poll-offset-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

test('a saved offset is used by the same bot while fresh, never by another bot or when stale', async () => {
  const path = pollOffsetPath(dir)
  expect(await loadPollOffset(path, 7)).toBeUndefined()
  await savePollOffset(path, 7, 1234)
  expect(await loadPollOffset(path, 7)).toBe(1234)
  expect(await loadPollOffset(path, 8)).toBeUndefined() // another token: its ids are its own
  // Telegram picks ids at random again after a week without updates: an old offset could drop them.
  expect(await loadPollOffset(path, 7, Date.now() + 2 * 24 * 60 * 60 * 1000)).toBeUndefined()
  await writeFile(path, '{"offset":')
  expect(await loadPollOffset(path, 7)).toBeUndefined()
})
