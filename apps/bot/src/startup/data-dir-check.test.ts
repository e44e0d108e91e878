import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { makeTempDir } from '@switchboard/test-utils'
import { expect, test } from 'vitest'
import { prepareDataDir } from './data-dir-check.js'

test('a data dir that cannot be created is one line saying why and what to do', async () => {
  const dir = await makeTempDir('data-dir-check')
  try {
    const file = join(dir.path, 'a-file')
    await writeFile(file, '')
    expect(await prepareDataDir(join(file, 'data'), true)).toEqual({
      ok: false,
      message: `cannot create the data directory ${file}/data (ENOTDIR: not a directory): set SWITCHBOARD_DATA_DIR to a directory the bot’s user can create and write, or leave it empty for the default`,
    })
    expect(await prepareDataDir(join(dir.path, 'data'), true)).toEqual({
      ok: true,
      looseMode: null,
    })
  } finally {
    await dir.cleanup()
  }
})
