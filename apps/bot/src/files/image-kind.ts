/**
 * Which uploads go to Claude as images: PNG, JPEG, GIF and WebP, recognised by their magic bytes (the
 * Messages API rejects a block whose media_type does not match its bytes), within the API's limits.
 */

import type { ImageMediaType } from '@switchboard/process'

/**
 * The API takes at most 5 MB per image, counted on the base64 text it is sent as: 3.75 MB of bytes.
 * Larger images go as a file path only.
 */
export const IMAGE_MAX_BYTES = Math.floor((5 * 1024 * 1024 * 3) / 4)
/** A request is at most 32 MB: images of one turn past this much go as file paths only. */
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
 * Whether a declared MIME type lets the bytes decide: absent, generic, or an image type. A file the
 * user's client calls a PDF or an archive is kept a file even when it starts like an image.
 */
export function mayBeImage(mimeType: string | undefined): boolean {
  return (
    mimeType === undefined || mimeType === 'application/octet-stream' || /^image\//i.test(mimeType)
  )
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((byte, i) => bytes[i] === byte)
}
