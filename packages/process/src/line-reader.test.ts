import { expect, test } from 'vitest'
import { LineReader } from './line-reader.js'
import { TailBuffer } from './stderr-tail.js'

function read(chunks: (string | Buffer)[], options = {}) {
  const lines: string[] = []
  const reader = new LineReader((l) => lines.push(l), options)
  for (const c of chunks) reader.push(c)
  reader.end()
  return lines
}

test('splits lines across chunks and keeps a last line without newline', () => {
  expect(read(['{"a":', '1}\n{"b"', ':2}\n\n', 'tail'])).toEqual(['{"a":1}', '{"b":2}', 'tail'])
})

test('decodes a multi-byte character split between chunks', () => {
  const bytes = Buffer.from('héllo ✓\n')
  expect(read([bytes.subarray(0, 2), bytes.subarray(2, 9), bytes.subarray(9)])).toEqual(['héllo ✓'])
})

test('handles CRLF and a several-MB line in many chunks', () => {
  const big = 'x'.repeat(6 * 1024 * 1024)
  const chunks = [] as string[]
  for (let i = 0; i < big.length; i += 65536) chunks.push(big.slice(i, i + 65536))
  const lines = read(['a\r\n', ...chunks, '\nb\n'])
  expect(lines).toHaveLength(3)
  expect(lines[1]).toHaveLength(big.length)
})

test('drops an over-long line, reports it, and resumes at the next one', () => {
  const overflows: number[] = []
  const lines = read(['short\n', 'y'.repeat(50), 'y'.repeat(50), '\nnext\n'], {
    maxLineLength: 64,
    onOverflow: (n: number) => overflows.push(n),
  })
  expect(lines).toEqual(['short', 'next'])
  expect(overflows).toEqual([100])
})

test('TailBuffer keeps the last N lines', () => {
  const tail = new TailBuffer(2)
  tail.push('one\ntwo\nthr')
  tail.push('ee\nfour')
  tail.end()
  expect(tail.snapshot()).toEqual(['three', 'four'])
})
