import { describe, expect, it } from 'vitest'
import { excerpt, firstLine, QUOTE_MAX, quoteHtml, truncateEnd, truncateStart } from './truncate.js'

describe('truncate', () => {
  it('keeps the start or the end within the limit, never splitting a surrogate pair', () => {
    expect(truncateEnd('abcdef', 4)).toBe('abc…')
    expect(truncateEnd('abc', 4)).toBe('abc')
    expect(truncateEnd('ab😀cd', 4)).toBe('ab…')
    expect(truncateStart('abcdef', 4)).toBe('…def')
    expect(truncateStart('ab😀cd', 4)).toBe('…cd')
    for (let max = 1; max < 12; max++) {
      expect(truncateEnd('😀'.repeat(8), max).isWellFormed()).toBe(true)
      expect(truncateStart('😀'.repeat(8), max).isWellFormed()).toBe(true)
      expect(truncateStart('😀'.repeat(8), max).length).toBeLessThanOrEqual(Math.max(max, 1))
    }
  })

  it('starts a tail at a nearby line break', () => {
    expect(truncateStart('one\ntwo\nthree', 9)).toBe('…\nthree')
  })

  it('takes the first line of a command', () => {
    expect(firstLine('  npm test  ')).toBe('npm test')
    expect(firstLine('a\nb')).toBe('a …')
  })
})

describe('excerpt', () => {
  it('bounds quoted input and escapes it for HTML', () => {
    expect(excerpt('short')).toBe('short')
    const long = excerpt('x'.repeat(5_000))
    expect(long).toHaveLength(QUOTE_MAX)
    expect(long.endsWith('…')).toBe(true)
    expect(quoteHtml('<b>&'.repeat(2_000))).toMatch(/^(&lt;b&gt;&amp;)+/)
    expect(quoteHtml('<'.repeat(5_000)).replaceAll('&lt;', '<')).toHaveLength(QUOTE_MAX)
  })
})
