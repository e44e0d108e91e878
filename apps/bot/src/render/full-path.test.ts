import { expect, it } from 'vitest'
import { promptPath } from './full-path.js'

const CWD = '/data/sessions/42/s/workspace'

it('resolves paths the way the tool will and marks those outside the working directory', () => {
  expect(promptPath(`${CWD}/a/b.ts`, CWD)).toEqual({
    absolute: `${CWD}/a/b.ts`,
    asWritten: undefined,
    outside: false,
  })
  expect(promptPath(CWD, CWD).outside).toBe(false)
  expect(promptPath('../persona.json', CWD)).toEqual({
    absolute: '/data/sessions/42/s/persona.json',
    asWritten: '../persona.json',
    outside: true,
  })
  expect(promptPath(`${CWD}-evil/x`, CWD).outside).toBe(true)
  expect(promptPath(`${CWD}/../../other/x`, CWD).absolute).toBe('/data/sessions/42/other/x')
  expect(promptPath('~/.bashrc', CWD)).toMatchObject({ absolute: '~/.bashrc', outside: true })
  expect(promptPath('rel/x', undefined)).toEqual({
    absolute: 'rel/x',
    asWritten: undefined,
    outside: false,
  })
})
