import { expect, test } from 'vitest'
import { imageType, mayBeImage } from './image-kind.js'

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
