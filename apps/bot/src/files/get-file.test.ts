import { mkdir, symlink, truncate, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { makeTempDir } from '@switchboard/test-utils'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { BOT_UPLOAD_LIMIT_BYTES, resolveSessionFile } from './get-file.js'

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
})
afterAll(() => root.cleanup())

test('files inside resolve to their real path, also through symlinks that stay inside', async () => {
  expect(await resolveSessionFile(work, 'src/a.txt')).toEqual({
    path: join(work, 'src/a.txt'),
    size: 1,
  })
  expect((await resolveSessionFile(work, join(work, 'src/a.txt'))).size).toBe(1)
  expect((await resolveSessionFile(work, './src/../link-in')).path).toBe(join(work, 'src/a.txt'))
  expect((await resolveSessionFile(work, 'limit.bin')).size).toBe(BOT_UPLOAD_LIMIT_BYTES)
})

test.each([
  ['../outside.txt', 'outside'],
  ['<absolute path of outside.txt>', 'outside'],
  ['link-out', 'outside'],
  ['/etc/passwd', 'outside'],
  ['missing.txt', 'missing'],
  ['src', 'not_a_file'],
  ['over.bin', 'too_big'],
  ['empty', 'empty'],
])('%s is refused (%s)', async (input, problem) => {
  const path = input.startsWith('<') ? join(root.path, 'outside.txt') : input
  await expect(resolveSessionFile(work, path)).rejects.toMatchObject({ code: 'GET_FILE', problem })
})
