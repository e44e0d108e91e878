import { execFileSync } from 'node:child_process'
import { mkdir, rename, symlink, truncate, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { makeTempDir } from '@switchboard/test-utils'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { BOT_UPLOAD_LIMIT_BYTES, openSessionFile } from './get-file.js'

let root: { path: string; cleanup(): Promise<void> }
let work: string

beforeAll(async () => {
  root = await makeTempDir('get-file')
  work = join(root.path, 'work')
  await mkdir(join(work, 'src'), { recursive: true })
  await writeFile(join(work, 'src', 'a.txt'), 'a')
  await writeFile(join(root.path, 'outside.txt'), 'secret')
  await symlink(join(root.path, 'outside.txt'), join(work, 'link-out'))
  await symlink(join(work, 'src', 'a.txt'), join(work, 'link-in'))
  await writeFile(join(work, 'limit.bin'), '')
  await truncate(join(work, 'limit.bin'), BOT_UPLOAD_LIMIT_BYTES)
  await writeFile(join(work, 'over.bin'), '')
  await truncate(join(work, 'over.bin'), BOT_UPLOAD_LIMIT_BYTES + 1)
  await writeFile(join(work, 'empty'), '')
  execFileSync('mkfifo', [join(work, 'fifo')])
})
afterAll(() => root.cleanup())

/** Opens, reads what the descriptor holds, closes. */
async function fetchFile(input: string) {
  const file = await openSessionFile(work, input)
  try {
    return { name: file.name, size: file.size, content: (await file.read()).toString() }
  } finally {
    await file.close()
  }
}

test('files inside are opened, also through symlinks that stay inside', async () => {
  expect(await fetchFile('src/a.txt')).toEqual({ name: 'a.txt', size: 1, content: 'a' })
  expect((await fetchFile(join(work, 'src/a.txt'))).size).toBe(1)
  expect((await fetchFile('./src/../link-in')).name).toBe('a.txt')
  const limit = await openSessionFile(work, 'limit.bin')
  expect(limit.size).toBe(BOT_UPLOAD_LIMIT_BYTES)
  await limit.close()
})

test('what is sent is what was opened: a symlink swapped in afterwards changes nothing', async () => {
  const path = join(work, 'swap.txt')
  await writeFile(path, 'original')
  const file = await openSessionFile(work, 'swap.txt')
  await symlink(join(root.path, 'outside.txt'), join(work, 'swap-link'))
  await rename(join(work, 'swap-link'), path)
  expect((await file.read()).toString()).toBe('original')
  expect((await file.read()).toString()).toBe('original') // a retry reads from offset 0 again
  await file.close()
  await expect(openSessionFile(work, 'swap.txt')).rejects.toMatchObject({ problem: 'outside' })
})

test('a refusal quotes a bounded excerpt of the path', async () => {
  const error = await openSessionFile(work, `${'x'.repeat(5_000)}.txt`).catch((e: unknown) => e)
  expect(error).toMatchObject({ code: 'GET_FILE', problem: 'missing' })
  expect((error as Error).message.length).toBeLessThan(300)
})

test.each([
  ['../outside.txt', 'outside'],
  ['<absolute path of outside.txt>', 'outside'],
  ['link-out', 'outside'],
  ['/etc/passwd', 'outside'],
  ['missing.txt', 'missing'],
  ['src', 'not_a_file'],
  ['fifo', 'not_a_file'],
  ['over.bin', 'too_big'],
  ['empty', 'empty'],
])('%s is refused (%s)', async (input, problem) => {
  const path = input.startsWith('<') ? join(root.path, 'outside.txt') : input
  await expect(openSessionFile(work, path)).rejects.toMatchObject({ code: 'GET_FILE', problem })
})
