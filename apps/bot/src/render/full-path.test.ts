import { mkdirSync, symlinkSync } from 'node:fs'
import { join } from 'node:path'
import { makeTempDir } from '@switchboard/test-utils'
import { expect, it } from 'vitest'
import { promptPath } from './full-path.js'

const CWD = '/data/sessions/42/s/workspace'

it('resolves paths the way the tool will and marks those outside the working directory', () => {
  expect(promptPath(`${CWD}/a/b.ts`, CWD)).toEqual({
    absolute: `${CWD}/a/b.ts`,
    asWritten: undefined,
    outside: false,
    real: undefined,
  })
  expect(promptPath(CWD, CWD).outside).toBe(false)
  expect(promptPath('../persona.json', CWD)).toEqual({
    absolute: '/data/sessions/42/s/persona.json',
    asWritten: '../persona.json',
    outside: true,
    real: undefined,
  })
  expect(promptPath(`${CWD}-evil/x`, CWD).outside).toBe(true)
  expect(promptPath(`${CWD}/../../other/x`, CWD).absolute).toBe('/data/sessions/42/other/x')
  expect(promptPath('~/.bashrc', CWD)).toMatchObject({ absolute: '~/.bashrc', outside: true })
  expect(promptPath('rel/x', undefined)).toEqual({
    absolute: 'rel/x',
    asWritten: undefined,
    outside: false,
    real: undefined,
  })
})

it('follows a symlink on the way: a path that only looks inside is marked, and its target shown', async () => {
  const tmp = await makeTempDir('full-path')
  const cwd = join(tmp.path, 'workspace')
  const home = join(tmp.path, 'home')
  mkdirSync(cwd)
  mkdirSync(home)
  symlinkSync(home, join(cwd, 'notes'))
  const p = promptPath(join(cwd, 'notes', '.claude', 'settings.json'), cwd)
  expect(p).toMatchObject({ outside: true, real: join(home, '.claude', 'settings.json') })
  expect(promptPath(join(cwd, 'plain.txt'), cwd)).toMatchObject({ outside: false, real: undefined })
  await tmp.cleanup()
})
