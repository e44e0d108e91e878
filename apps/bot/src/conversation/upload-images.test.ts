import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { makeTempDir } from '@switchboard/test-utils'
import { afterEach, beforeEach, expect, test } from 'vitest'
import { IMAGE_MAX_BYTES } from '../files/image-kind.js'
import type { UploadFile } from './inbox-entry.js'
import { silentLogger } from './testing/fakes.js'
import { PNG_1PX as PNG } from './testing/images.js'
import { classifyImages, loadImages } from './upload-images.js'

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

test('images by their bytes; a declared non-image stays a file; too large or cut off goes as a path, the user told why', async () => {
  const png = await saved('p.png', PNG)
  const pdf = await saved('x.pdf', PNG)
  const text = await saved('n.txt', Buffer.from('hello'))
  const big = await saved(
    'big.png',
    Buffer.concat([PNG.subarray(0, 33), Buffer.alloc(IMAGE_MAX_BYTES), PNG.subarray(-12)]),
  )
  const cut = await saved('cut.png', PNG.subarray(0, 40))
  const files = [
    ref('p.png', 'image/jpeg'),
    ref('x.pdf', 'application/pdf'),
    ref('n.txt'),
    ref('big.png'),
  ]
  const result = await classifyImages(files, [png, pdf, text, big, cut], silentLogger)
  expect(result.images).toEqual([{ path: png.path, mediaType: 'image/png' }])
  expect(result.described.map((f) => f.image)).toEqual([
    'attached',
    undefined,
    undefined,
    'too-big',
    'damaged',
  ])
  expect(result.notices).toEqual([
    expect.stringMatching(
      /^big\.png \(10\.0 MB\) is larger than the 10\.0 MB the bot passes to Claude as a picture/,
    ),
    expect.stringMatching(/^cut\.png looks damaged or cut off, so Claude got its path only/),
  ])
})

test('an image changed or removed after it was saved is left out when the prompt is sent', async () => {
  const png = await saved('p.png', PNG)
  const changed = await saved('c.png', PNG)
  await writeFile(changed.path, 'not an image now')
  const images = await loadImages(
    [png, changed, { path: join(tmp.path, 'gone.png') }].map((f) => ({
      path: f.path,
      mediaType: 'image/png' as const,
    })),
    silentLogger,
  )
  expect(images).toEqual([{ mediaType: 'image/png', data: PNG.toString('base64') }])
})
