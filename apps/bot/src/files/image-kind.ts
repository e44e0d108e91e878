/**
 * Which uploads go to Claude as images: PNG, JPEG, GIF and WebP, recognised by their magic bytes (the
 * Messages API rejects a block whose media_type does not match its bytes), within the API's limits.
 */

import type { ImageMediaType } from '@switchboard/process'

/**
 * The largest image the bot hands Claude Code as an image block; larger ones go as a path only. The
 * API takes 5 MB and 8000 px per image, but the CLI scales down and recompresses what is over that
 * before sending it (checked with 2.1.330: a 9000×20 px PNG reached the API as 1800×4, a 15.9 MB
 * PNG as a 600 KB JPEG), so this bounds the bot's memory and the stdin line, not the API's rules.
 */
export const IMAGE_MAX_BYTES = 10 * 1024 * 1024
/** The images of one turn together (one stdin line, base64: a third larger). */
export const TURN_IMAGES_MAX_BYTES = 20 * 1024 * 1024
/** Bytes `imageType` needs to look at. */
export const IMAGE_SNIFF_BYTES = 12

/** The image type of a file from its first bytes, or undefined when it is none of the four. */
export function imageType(head: Uint8Array): ImageMediaType | undefined {
  const ascii = (from: number, to: number) => String.fromCharCode(...head.subarray(from, to))
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png'
  if (startsWith(head, [0xff, 0xd8, 0xff])) return 'image/jpeg'
  if (ascii(0, 6) === 'GIF87a' || ascii(0, 6) === 'GIF89a') return 'image/gif'
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'image/webp'
  return undefined
}

/**
 * Whether the file ends as its type says a whole file ends (PNG's IEND chunk, JPEG's EOI marker,
 * GIF's trailer, WebP's RIFF length): a cut-off download or a damaged file is not sent as an image,
 * since the CLI passes an image it cannot read to the API as it is, and the API refuses the request.
 */
export function looksComplete(
  type: ImageMediaType,
  tail: Uint8Array,
  size: number,
  head: Uint8Array,
): boolean {
  switch (type) {
    case 'image/png':
      return endsWith(tail, [0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82])
    case 'image/jpeg':
      return endsWith(tail, [0xff, 0xd9])
    case 'image/gif':
      return endsWith(tail, [0x3b])
    case 'image/webp':
      return head.length >= 8 && Buffer.from(head).readUInt32LE(4) + 8 === size
  }
}

/**
 * Whether a declared MIME type lets the bytes decide: absent, generic, or an image type. A file the
 * user's client calls a PDF or an archive is kept a file even when it starts like an image.
 */
export function mayBeImage(mimeType: string | undefined): boolean {
  return (
    mimeType === undefined || mimeType === 'application/octet-stream' || /^image\//i.test(mimeType)
  )
}

function endsWith(bytes: Uint8Array, suffix: readonly number[]): boolean {
  const from = bytes.length - suffix.length
  return from >= 0 && suffix.every((byte, i) => bytes[from + i] === byte)
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((byte, i) => bytes[i] === byte)
}
