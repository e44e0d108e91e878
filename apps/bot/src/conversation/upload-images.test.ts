import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { makeTempDir } from '@switchboard/test-utils'
import { afterEach, beforeEach, expect, test } from 'vitest'
import { IMAGE_MAX_BYTES } from '../files/image-kind.js'
import type { UploadFile } from './inbox-entry.js'
import { silentLogger } from './testing/fakes.js'
import { classifyImages, loadImages } from './upload-images.js'

const PNG_HEAD = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])

let tmp: Awaited<ReturnType<typeof makeTempDir>>
beforeEach(async () => {
  tmp = await makeTempDir('upload-images')
})
afterEach(async () => {
  await tmp.cleanup()
})

async function saved(name: string, bytes: Buffer) {
  const path = join(tmp.path, name)
  await writeFile(path, bytes)
  return { relativePath: `uploads/${name}`, bytes: bytes.length, path }
}
const ref = (name: string, mimeType?: string): UploadFile => ({
  fileId: name,
  fileName: name,
  messageId: 1,
  ...(mimeType ? { mimeType } : {}),
})

test('images by their bytes; a declared non-image stays a file; too large goes as a path, the user told why', async () => {
  const png = await saved('p.png', PNG_HEAD)
  const pdf = await saved('x.pdf', PNG_HEAD)
  const text = await saved('n.txt', Buffer.from('hello'))
  const big = await saved('big.png', Buffer.concat([PNG_HEAD, Buffer.alloc(IMAGE_MAX_BYTES)]))
  const files = [
    ref('p.png', 'image/jpeg'),
    ref('x.pdf', 'application/pdf'),
    ref('n.txt'),
    ref('big.png'),
  ]
  const result = await classifyImages(files, [png, pdf, text, big], silentLogger)
  expect(result.images).toEqual([{ path: png.path, mediaType: 'image/png' }])
  expect(result.described.map((f) => f.image)).toEqual([
    'attached',
    undefined,
    undefined,
    'too-big',
  ])
  expect(result.notices).toHaveLength(1)
  expect(result.notices[0]).toMatch(
    /^big\.png \(3\.8 MB\) is too large for Claude to see as a picture: the API takes images up to 5 MB/,
  )
})

test('an image changed or removed after it was saved is left out when the prompt is sent', async () => {
  const png = await saved('p.png', PNG_HEAD)
  const changed = await saved('c.png', PNG_HEAD)
  await writeFile(changed.path, 'not an image now')
  const images = await loadImages(
    [png, changed, { path: join(tmp.path, 'gone.png') }].map((f) => ({
      path: f.path,
      mediaType: 'image/png' as const,
    })),
    silentLogger,
  )
  expect(images).toEqual([{ mediaType: 'image/png', data: PNG_HEAD.toString('base64') }])
})
