import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, expect, test } from 'vitest'
import { saveUpload, UploadOutsideError, UploadTooLargeError, uploadPrompt } from './uploads.js'
import { candidateName, sanitizeFileName } from './uploads-name.js'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'uploads-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

test.each([
  ['report.pdf', 'report.pdf'],
  ['../../etc/passwd', 'passwd'],
  ['..\\..\\boot.ini', 'boot.ini'],
  ['.bashrc', 'bashrc'],
  ['...', 'file'],
  ['-rf', 'rf'],
  ['my holiday photo (1).JPG', 'my_holiday_photo_(1).JPG'],
  ['a;b|c`d$e.txt', 'a_b_c_d_e.txt'],
  ['notes\u0000\u202e.txt', 'notes.txt'],
  ['Übersicht – März.md', 'Übersicht_März.md'],
  ['', 'file'],
])('sanitizeFileName(%j) = %j', (input, expected) => {
  expect(sanitizeFileName(input)).toBe(expected)
})

test('long names are cut but keep their extension', () => {
  const name = sanitizeFileName(`${'a'.repeat(300)}.tar.gz`)
  expect(name.length).toBe(100)
  expect(name.endsWith('.gz')).toBe(true)
})

test('candidate names add a numeric suffix before the extension', () => {
  expect(candidateName('photo.jpg', 0)).toBe('photo.jpg')
  expect(candidateName('photo.jpg', 2)).toBe('photo-2.jpg')
  expect(candidateName('Makefile', 1)).toBe('Makefile-1')
})

function fakeFetch(body: string | Uint8Array, headers: Record<string, string> = {}): typeof fetch {
  return (async () => new Response(body, { headers })) as typeof fetch
}

test('an upload is saved under uploads/ without overwriting an existing file', async () => {
  await saveUpload({
    url: 'http://x/f',
    fileName: 'notes.txt',
    workingDirectory: dir,
    fetch: fakeFetch('one'),
  })
  const second = await saveUpload({
    url: 'http://x/f',
    fileName: '../notes.txt',
    workingDirectory: dir,
    fetch: fakeFetch('second'),
  })
  expect(second).toEqual({
    relativePath: 'uploads/notes-1.txt',
    bytes: 6,
    path: join(dir, 'uploads', 'notes-1.txt'),
  })
  expect((await readdir(join(dir, 'uploads'))).sort()).toEqual(['notes-1.txt', 'notes.txt'])
  expect(await readFile(join(dir, 'uploads', 'notes.txt'), 'utf8')).toBe('one')
  expect(await readFile(join(dir, 'uploads', 'notes-1.txt'), 'utf8')).toBe('second')
})

test('a download over the limit is refused and leaves no file behind', async () => {
  await writeFile(join(dir, 'keep'), '')
  const upload = saveUpload({
    url: 'http://x/f',
    fileName: 'big.bin',
    workingDirectory: dir,
    maxBytes: 10,
    fetch: fakeFetch(new Uint8Array(64)),
  })
  await expect(upload).rejects.toBeInstanceOf(UploadTooLargeError)
  expect(await readdir(join(dir, 'uploads'))).toEqual([])
})

test('an uploads/ that is a symlink out of the session directory is refused', async () => {
  const work = join(dir, 'work')
  const elsewhere = join(dir, 'elsewhere')
  await mkdir(work)
  await mkdir(elsewhere)
  await symlink(elsewhere, join(work, 'uploads'))
  const upload = saveUpload({
    url: 'http://x/f',
    fileName: 'notes.txt',
    workingDirectory: work,
    fetch: fakeFetch('one'),
  })
  await expect(upload).rejects.toBeInstanceOf(UploadOutsideError)
  expect(await readdir(elsewhere)).toEqual([])
})

test('the prompt is the caption (or a note) followed by the attached paths', () => {
  const file = { relativePath: 'uploads/a.pdf', bytes: 2048 }
  expect(uploadPrompt('Summarise this', [file])).toBe(
    'Summarise this\n\nAttached file: uploads/a.pdf (2.0 KB)',
  )
  expect(uploadPrompt(undefined, [file])).toBe(
    'The user sent a file.\n\nAttached file: uploads/a.pdf (2.0 KB)',
  )
})

test('images are named as such, with how Claude got them; absolute paths when shown so', () => {
  const image = { relativePath: 'uploads/p.png', bytes: 10, shownPath: '/s/uploads/p.png' }
  expect(uploadPrompt('Look', [{ ...image, image: 'attached' }])).toBe(
    'Look\n\nAttached image: /s/uploads/p.png (10 B, image, attached above)',
  )
  expect(uploadPrompt('Look', [{ ...image, image: 'too-big' }])).toBe(
    'Look\n\nAttached image: /s/uploads/p.png (10 B, image, too large to attach: open the file to see it)',
  )
})

test('a download that stops answering (half-open) is given up at its deadline', async () => {
  // Headers arrive, then the body never does: only the deadline ends it.
  const stalled = (async (_url: unknown, init?: RequestInit) => {
    const body = new ReadableStream({
      start(controller) {
        init?.signal?.addEventListener('abort', () => controller.error(init.signal?.reason))
      },
    })
    return new Response(body)
  }) as typeof fetch
  const error = await saveUpload({
    url: 'http://x/f',
    fileName: 'big.bin',
    workingDirectory: dir,
    fetch: stalled,
    deadlineMs: 100,
  }).catch((e: unknown) => e)
  expect(error).toMatchObject({
    code: 'UPLOAD_DOWNLOAD_FAILED',
    message: expect.stringMatching(/^no answer within/),
  })
  expect(await readdir(join(dir, 'uploads'))).toEqual([]) // the partial file is removed
})
