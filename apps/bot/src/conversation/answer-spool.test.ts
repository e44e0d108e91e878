import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, expect, test } from 'vitest'
import { ANSWER_HEAD_CHARS } from '../render/answer-text.js'
import { AnswerSpool, SPOOL_THRESHOLD_CHARS } from './answer-spool.js'
import { silentLogger } from './testing/fakes.js'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'spool-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

/** ~`total` units of text in deltas of `size`, every emoji split across two deltas. */
function deltas(total: number, size = 999): string[] {
  const text = 'abc 😀 déjà vu '.repeat(Math.ceil(total / 15)).slice(0, total)
  const out: string[] = []
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size))
  return out
}

test('a short answer stays in memory', async () => {
  const spool = new AnswerSpool(dir, silentLogger)
  for (const d of deltas(10_000)) spool.append(d)
  expect(spool.spooled).toBe(false)
  expect(spool.text).toBe(deltas(10_000).join(''))
  expect((await spool.bytes(Number.MAX_SAFE_INTEGER)).bytes.toString()).toBe(spool.text)
  await spool.dispose()
})

test('past the threshold it goes to an unlinked file; the bytes come back exact', async () => {
  const parts = deltas(3 * SPOOL_THRESHOLD_CHARS)
  const whole = parts.join('')
  const spool = new AnswerSpool(dir, silentLogger)
  for (const d of parts) spool.append(d)
  expect(spool.spooled).toBe(true)
  expect(spool.text).toBeUndefined()
  expect(spool.length).toBe(whole.length)
  expect(spool.head).toBe(whole.slice(0, ANSWER_HEAD_CHARS))
  expect((await spool.bytes(Number.MAX_SAFE_INTEGER)).bytes.equals(Buffer.from(whole))).toBe(true)
  // Read back only as far as asked (Telegram's upload limit): memory stays bounded.
  const head = await spool.bytes(1000)
  expect(head.whole).toBe(false)
  expect(head.bytes.equals(Buffer.from(whole).subarray(0, 1000))).toBe(true)
  expect(await readdir(dir)).toEqual([]) // unlinked as soon as it was open
  await spool.dispose()
})

test('a spool that cannot be opened keeps the answer in memory', async () => {
  const parts = deltas(2 * SPOOL_THRESHOLD_CHARS)
  const spool = new AnswerSpool(join(dir, 'gone'), silentLogger)
  for (const d of parts) spool.append(d)
  expect((await spool.bytes(Number.MAX_SAFE_INTEGER)).bytes.toString()).toBe(parts.join(''))
  expect(spool.spooled).toBe(false)
  expect(spool.text).toBe(parts.join(''))
  await spool.dispose()
})
