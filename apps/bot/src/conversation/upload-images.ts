/**
 * Which saved uploads also go to Claude as images, and reading them back when the turn is sent.
 * Only the paths are kept in the inbox (not megabytes of base64): the bytes are read from the saved
 * file each time the prompt is sent, and checked again (magic bytes, size) as they are read.
 */

import { basename } from 'node:path'
import type { PromptImage } from '@switchboard/process'
import {
  IMAGE_MAX_BYTES,
  IMAGE_SNIFF_BYTES,
  imageType,
  looksComplete,
  mayBeImage,
  TURN_IMAGES_MAX_BYTES,
} from '../files/image-kind.js'
import { openSavedUpload } from '../files/saved-upload-file.js'
import { formatSize, type PromptFile, type SavedUpload } from '../files/uploads.js'
import type { Logger } from '../logging/logger.js'
import type { ImageRef, UploadFile } from './inbox-entry.js'

export interface ClassifiedUploads {
  described: PromptFile[]
  images: ImageRef[]
  notices: string[]
}

/** Marks the images among `saved` (same order as `files`); a too large one goes as a path only. */
export async function classifyImages(
  files: readonly UploadFile[],
  saved: readonly SavedUpload[],
  logger: Logger,
): Promise<ClassifiedUploads> {
  const result: ClassifiedUploads = { described: [], images: [], notices: [] }
  let total = 0
  for (const [i, upload] of saved.entries()) {
    const found =
      upload.path && mayBeImage(files[i]?.mimeType) ? await sniff(upload.path, logger) : undefined
    if (!found || !upload.path) {
      result.described.push(upload)
      continue
    }
    const { mediaType } = found
    const name = basename(upload.path)
    if (!found.complete) {
      result.described.push({ ...upload, image: 'damaged' })
      result.notices.push(
        `${name} looks damaged or cut off, so Claude got its path only, not the picture. Send it again if it should see it.`,
      )
      continue
    }
    if (upload.bytes > IMAGE_MAX_BYTES) {
      result.described.push({ ...upload, image: 'too-big' })
      result.notices.push(
        `${name} (${formatSize(upload.bytes)}) is larger than the ${formatSize(IMAGE_MAX_BYTES)} the bot passes to Claude as a picture, so Claude got its path only (it can still open the file). Send a smaller or compressed picture for Claude to see it directly.`,
      )
      continue
    }
    if (total + upload.bytes > TURN_IMAGES_MAX_BYTES) {
      result.described.push({ ...upload, image: 'turn-full' })
      result.notices.push(
        `${name} went to Claude as a path only: the pictures of one message may add up to ${formatSize(TURN_IMAGES_MAX_BYTES)}. Send the rest in another message for Claude to see them directly.`,
      )
      continue
    }
    total += upload.bytes
    result.described.push({ ...upload, image: 'attached' })
    result.images.push({ path: upload.path, mediaType })
  }
  return result
}

/** The images' bytes for the prompt; one that is gone or changed is left out (and logged). */
export async function loadImages(
  refs: readonly ImageRef[],
  logger: Logger,
): Promise<PromptImage[]> {
  const images: PromptImage[] = []
  for (const ref of refs) {
    try {
      const handle = await openSavedUpload(ref.path)
      const bytes = await handle.readFile().finally(() => handle.close())
      const whole = looksComplete(ref.mediaType, bytes, bytes.length, bytes)
      if (bytes.length > IMAGE_MAX_BYTES || imageType(bytes) !== ref.mediaType || !whole) {
        logger.warn(
          { path: ref.path },
          'an uploaded image changed after it was saved: not attached',
        )
        continue
      }
      images.push({ mediaType: ref.mediaType, data: bytes.toString('base64') })
    } catch (error) {
      logger.warn({ err: error, path: ref.path }, 'could not read an uploaded image: not attached')
    }
  }
  return images
}

/** The image type by the file's first bytes, and whether its last bytes end it as that type must. */
async function sniff(path: string, logger: Logger) {
  try {
    const handle = await openSavedUpload(path)
    try {
      const { size } = await handle.stat()
      const head = Buffer.alloc(IMAGE_SNIFF_BYTES)
      const tail = Buffer.alloc(IMAGE_SNIFF_BYTES)
      const read = await handle.read(head, 0, IMAGE_SNIFF_BYTES, 0)
      const last = await handle.read(
        tail,
        0,
        IMAGE_SNIFF_BYTES,
        Math.max(0, size - IMAGE_SNIFF_BYTES),
      )
      const start = head.subarray(0, read.bytesRead)
      const mediaType = imageType(start)
      if (!mediaType) return undefined
      return {
        mediaType,
        complete: looksComplete(mediaType, tail.subarray(0, last.bytesRead), size, start),
      }
    } finally {
      await handle.close()
    }
  } catch (error) {
    logger.warn({ err: error, path }, 'could not check whether an upload is an image')
    return undefined
  }
}
