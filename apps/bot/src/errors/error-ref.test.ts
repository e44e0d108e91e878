import { expect, test, vi } from 'vitest'
import { errorReporter, plainWords, refSuffix } from './error-ref.js'

test('a reporter logs the details under a fresh id and returns it', () => {
  const warn = vi.fn()
  const report = errorReporter({ warn }, { sessionId: 's1' })
  const a = report({ cli: 'boom' }, 'it failed')
  const b = report({ cli: 'boom' }, 'it failed')
  expect(a).toMatch(/^[0-9a-f]{6}$/)
  expect(b).not.toBe(a)
  expect(warn).toHaveBeenCalledWith({ errorRef: a, sessionId: 's1', cli: 'boom' }, 'it failed')
  expect(refSuffix(a)).toBe(` (ref ${a})`)
})

test('plainWords keeps human text and drops diagnostics, JSON, stacks and dumps', () => {
  expect(plainWords('Invalid API key · Fix external API key')).toBe(
    'Invalid API key · Fix external API key',
  )
  expect(plainWords('Unexpected failure [ede_diagnostic] result_type=user last=n/a')).toBe(
    'Unexpected failure',
  )
  expect(
    plainWords(
      'API Error: 429 {"type":"error","error":{"type":"rate_limit_error","message":"slow down"}}',
    ),
  ).toBe('API Error: 429 slow down')
  expect(plainWords('TypeError: x is undefined\n    at foo (/app/x.js:1:2)')).toBe(
    'TypeError: x is undefined',
  )
  expect(plainWords('    at foo (/app/x.js:1:2)')).toBe('')
  expect(plainWords('x'.repeat(400))).toBe('')
})
