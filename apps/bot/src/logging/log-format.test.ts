import { expect, test } from 'vitest'
import { resolveLogFormat } from './log-format.js'

test('auto is pretty on a terminal and JSON anywhere else; an explicit format wins', () => {
  expect(resolveLogFormat('auto', true)).toBe('pretty')
  expect(resolveLogFormat('auto', false)).toBe('json')
  expect(resolveLogFormat('auto', undefined)).toBe('json')
  expect(resolveLogFormat('json', true)).toBe('json')
  expect(resolveLogFormat('pretty', false)).toBe('pretty')
})
