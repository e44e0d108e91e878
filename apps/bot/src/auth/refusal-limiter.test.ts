import { expect, test } from 'vitest'
import { RefusalLimiter } from './refusal-limiter.js'

test('refuses a stranger at most once per window', () => {
  let now = 0
  const limiter = new RefusalLimiter(3_600_000, 100, () => now)
  expect(limiter.shouldRefuse(7)).toBe(true)
  now += 59 * 60_000
  expect(limiter.shouldRefuse(7)).toBe(false)
  expect(limiter.shouldRefuse(8)).toBe(true)
  now += 60_001
  expect(limiter.shouldRefuse(7)).toBe(true)
})

test('stays bounded under a flood of distinct ids', () => {
  const limiter = new RefusalLimiter(3_600_000, 3, () => 0)
  for (const id of [1, 2, 3, 4]) expect(limiter.shouldRefuse(id)).toBe(true)
  // 1 was evicted as the oldest, so it would be refused again; 4 is remembered.
  expect(limiter.shouldRefuse(4)).toBe(false)
  expect(limiter.shouldRefuse(1)).toBe(true)
})
