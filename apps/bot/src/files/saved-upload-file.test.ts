import { mkdir, symlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { makeTempDir } from '@switchboard/test-utils'
import { afterAll, expect, test } from 'vitest'
import { isRealDirectory, openSavedUpload } from './saved-upload-file.js'

const dirs: { cleanup: () => Promise<void> }[] = []
afterAll(async () => {
  await Promise.all(dirs.map((d) => d.cleanup()))
})

async function workspace() {
  const dir = await makeTempDir('saved-upload')
  dirs.push(dir)
  await mkdir(join(dir.path, 'uploads'))
  await mkdir(join(dir.path, 'secret'))
  await writeFile(join(dir.path, 'secret', 'metadata.json'), '{"secret":1}')
  return dir.path
}

test('a saved upload reads back; a file or an uploads/ swapped for a symlink does not', async () => {
  const dir = await workspace()
  await writeFile(join(dir, 'uploads', 'a.png'), 'png')
  const handle = await openSavedUpload(join(dir, 'uploads', 'a.png'))
  expect(await handle.readFile('utf8')).toBe('png')
  await handle.close()

  await symlink(join(dir, 'secret', 'metadata.json'), join(dir, 'uploads', 'b.png'))
  await expect(openSavedUpload(join(dir, 'uploads', 'b.png'))).rejects.toThrow()

  const other = await workspace()
  await writeFile(join(other, 'secret', 'c.png'), 'secret')
  const swapped = join(other, 'uploads-link')
  await symlink(join(other, 'secret'), swapped)
  expect(await isRealDirectory(swapped)).toBe(false)
  expect(await isRealDirectory(join(other, 'uploads'))).toBe(true)
  await expect(openSavedUpload(join(swapped, 'c.png'))).rejects.toThrow(/symlink/)
})
