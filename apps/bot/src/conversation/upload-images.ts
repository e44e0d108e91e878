/**
 * Which saved uploads also go to Claude as images, and reading them back when the turn is sent.
 * Only the paths are kept in the inbox (not megabytes of base64): the bytes are read from the saved
 * file each time the prompt is sent, and checked again (magic bytes, size) as they are read.
 */

import { open, readFile } from 'node:fs/promises'
import { basename } from 'node:path'
import type { PromptImage } from '@switchboard/process'
import {
  IMAGE_MAX_BYTES,
  IMAGE_SNIFF_BYTES,
  imageType,
  mayBeImage,
  TURN_IMAGES_MAX_BYTES,
} from '../files/image-kind.js'
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
    const mediaType =
      upload.path && mayBeImage(files[i]?.mimeType) ? await sniff(upload.path, logger) : undefined
    if (!mediaType || !upload.path) {
      result.described.push(upload)
      continue
    }
    const name = basename(upload.path)
    if (upload.bytes > IMAGE_MAX_BYTES) {
      result.described.push({ ...upload, image: 'too-big' })
      result.notices.push(
        `${name} (${formatSize(upload.bytes)}) is too large for Claude to see as a picture: the API takes images up to 5 MB once encoded (about 3.75 MB of file). Claude got its path only and can still open the file; send a smaller or compressed picture for Claude to see it directly.`,
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
      const bytes = await readFile(ref.path)
      if (bytes.length > IMAGE_MAX_BYTES || imageType(bytes) !== ref.mediaType) {
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

async function sniff(path: string, logger: Logger) {
  try {
    const handle = await open(path, 'r')
    try {
      const head = Buffer.alloc(IMAGE_SNIFF_BYTES)
      const { bytesRead } = await handle.read(head, 0, IMAGE_SNIFF_BYTES, 0)
      return imageType(head.subarray(0, bytesRead))
    } finally {
      await handle.close()
    }
  } catch (error) {
    logger.warn({ err: error, path }, 'could not check whether an upload is an image')
    return undefined
  }
}
