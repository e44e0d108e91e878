import { expect, test } from 'vitest'
import { PNG_1PX } from '../conversation/testing/images.js'
import { imageType, looksComplete, mayBeImage } from './image-kind.js'

const bytes = (...parts: (string | number[])[]) =>
  Buffer.concat(
    parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))),
  )

test.each([
  ['png', bytes([0x89], 'PNG\r\n\x1a\n', [0, 0, 0, 13]), 'image/png'],
  ['jpeg', bytes([0xff, 0xd8, 0xff, 0xe0], 'JFIF'), 'image/jpeg'],
  ['gif87', bytes('GIF87a', [1, 0, 1, 0]), 'image/gif'],
  ['gif89', bytes('GIF89a', [1, 0, 1, 0]), 'image/gif'],
  ['webp', bytes('RIFF', [0x24, 0, 0, 0], 'WEBPVP8 '), 'image/webp'],
  ['riff but wave', bytes('RIFF', [0x24, 0, 0, 0], 'WAVEfmt '), undefined],
  ['text', bytes('fake jpeg bytes'), undefined],
  ['empty', bytes(), undefined],
  ['pdf', bytes('%PDF-1.7'), undefined],
])('imageType(%s)', (_name, head, expected) => {
  expect(imageType(head)).toBe(expected)
})

test('a declared non-image type keeps a file a file', () => {
  expect(mayBeImage(undefined)).toBe(true)
  expect(mayBeImage('image/png')).toBe(true)
  expect(mayBeImage('application/octet-stream')).toBe(true)
  expect(mayBeImage('application/pdf')).toBe(false)
})

test('a file cut off (or damaged at its end) does not look complete', () => {
  const png = PNG_1PX
  const whole = (type: Parameters<typeof looksComplete>[0], b: Buffer) =>
    looksComplete(type, b.subarray(-12), b.length, b.subarray(0, 12))
  expect(whole('image/png', png)).toBe(true)
  expect(whole('image/png', png.subarray(0, 40))).toBe(false)
  expect(whole('image/jpeg', bytes([0xff, 0xd8, 0xff, 0xe0, 0, 0, 0xff, 0xd9]))).toBe(true)
  expect(whole('image/jpeg', bytes([0xff, 0xd8, 0xff, 0xe0, 0, 0]))).toBe(false)
  expect(whole('image/gif', bytes('GIF89a', [1, 0, 0x3b]))).toBe(true)
  const webp = bytes('RIFF', [8, 0, 0, 0], 'WEBPVP8 ')
  expect(whole('image/webp', webp)).toBe(true)
  expect(whole('image/webp', webp.subarray(0, 14))).toBe(false)
})
