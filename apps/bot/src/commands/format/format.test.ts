import { EMPTY_USAGE } from '@switchboard/core'
import { expect, test } from 'vitest'
import { relativeTime } from './relative-time.js'
import { compactNumber, formatUsage, formatUsd } from './usage.js'

test('relativeTime speaks in minutes, hours and days', () => {
  const now = Date.parse('2025-01-10T12:00:00Z')
  expect(relativeTime('2025-01-10T11:59:30Z', now)).toBe('just now')
  expect(relativeTime('2025-01-10T11:55:00Z', now)).toBe('5 min ago')
  expect(relativeTime('2025-01-10T09:00:00Z', now)).toBe('3 h ago')
  expect(relativeTime('2025-01-07T12:00:00Z', now)).toBe('3 days ago')
  expect(relativeTime('2025-01-10T12:05:00Z', now)).toBe('just now') // clock skew
})

test('numbers and money stay short but small costs stay visible', () => {
  expect(compactNumber(999)).toBe('999')
  expect(compactNumber(12_345)).toBe('12.3k')
  expect(compactNumber(1_234_567)).toBe('1.2M')
  expect(formatUsd(0.0012)).toBe('$0.0012')
  expect(formatUsd(12.345)).toBe('$12.35')
  expect(formatUsage({ ...EMPTY_USAGE, turns: 1, inputTokens: 10, cacheReadInputTokens: 5 })).toBe(
    '1 turn · 15 in / 0 out tokens · $0.0000',
  )
})
