import { expect, test } from 'vitest'
import { userMessageLine } from './input-lines.js'

const content = (line: string) => JSON.parse(line).message.content

test('a text prompt is sent as a plain string, as before', () => {
  expect(content(userMessageLine('hi'))).toBe('hi')
  expect(content(userMessageLine({ text: 'hi', images: [] }))).toBe('hi')
})

test('images go first as base64 image blocks, then the text', () => {
  const line = userMessageLine({
    text: 'What is this?',
    images: [
      { mediaType: 'image/png', data: 'AAAA' },
      { mediaType: 'image/webp', data: 'BBBB' },
    ],
  })
  expect(line.endsWith('\n')).toBe(true)
  expect(content(line)).toEqual([
    { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'AAAA' } },
    { type: 'image', source: { type: 'base64', media_type: 'image/webp', data: 'BBBB' } },
    { type: 'text', text: 'What is this?' },
  ])
})
