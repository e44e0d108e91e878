import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Prompt } from '@switchboard/process'
import { makeTempDir } from '@switchboard/test-utils'
import { afterEach, beforeEach, expect, test } from 'vitest'
import { Inbox } from './inbox.js'
import type { UploadFile } from './inbox-entry.js'
import { InboxStore } from './inbox-store.js'
import { PendingFiles } from './pending-files.js'
import { Submitter } from './submitter.js'
import {
  eventually,
  makeOutbox,
  resultEvent,
  scriptedTurn,
  sessionMeta,
  silentLogger,
} from './testing/fakes.js'
import { PNG_1PX as PNG } from './testing/images.js'
import { runnerDeps } from './testing/runner-deps.js'
import type { PreparedUpload } from './upload-files.js'

const USER = 42

let tmp: Awaited<ReturnType<typeof makeTempDir>>
beforeEach(async () => {
  tmp = await makeTempDir('submitter-uploads')
})
afterEach(async () => {
  await tmp.cleanup()
})

function setup(prepare: (files: UploadFile[]) => PreparedUpload) {
  const { api, outbox } = makeOutbox()
  const sessionDirectory = () => tmp.path
  const inbox = new Inbox({
    store: new InboxStore({ sessionDirectory, logger: silentLogger }),
    logger: silentLogger,
  })
  const sent: Prompt[] = []
  const prepared: UploadFile[][] = []
  const pending = new PendingFiles({ sessionDirectory, outbox, logger: silentLogger })
  const submitter = new Submitter({
    pool: {
      send: (_ref, prompt) => {
        sent.push(prompt)
        return scriptedTurn([resultEvent({ text: 'answer' })])
      },
    },
    outbox,
    inbox,
    logger: silentLogger,
    pending,
    uploadPrompt: async (files) => {
      prepared.push(files)
      return prepare(files)
    },
    runner: runnerDeps(outbox, 'edit'),
  })
  const texts = () => api.callsOf('sendMessage').map((c) => String(c.payload.text))
  const base = { userId: USER, chatId: USER, session: sessionMeta() }
  return { submitter, pending, sent, prepared, texts, base, inbox }
}

const file = (messageId: number, caption?: string): UploadFile => ({
  fileId: `f${messageId}`,
  fileName: `f${messageId}.txt`,
  messageId,
  ...(caption ? { caption } : {}),
})

test('an upload without a caption waits; the next text runs with it (the text as its caption)', async () => {
  const s = setup((files) => ({ text: `prompt for ${files.length}`, images: [], notices: [] }))
  let closeAlbum!: () => void
  const complete = new Promise<void>((resolve) => {
    closeAlbum = resolve
  })
  const parked = await s.submitter.accept({
    ...s.base,
    replyTo: 1,
    files: [file(1)],
    complete,
    askFirst: true,
  })
  expect(parked?.entry).toBeUndefined()
  await parked?.addFile(file(2)) // an album's later item
  closeAlbum()
  await eventually(() => s.texts().some((t) => t.startsWith('Got f1.txt and f2.txt.')))
  expect(s.sent).toEqual([])
  await s.submitter.accept({ ...s.base, replyTo: 3, prompt: 'Summarise them' })
  await eventually(() => s.sent.length === 1)
  expect(s.prepared).toEqual([[file(1), file(2, 'Summarise them')]])
  expect(s.sent).toEqual(['prompt for 2'])
  expect(await s.pending.list({ owner: String(USER), sessionId: 's-main' })).toEqual([])
  await Promise.all([...s.submitter.pending])
})

test('images go to the pool with the text; what the user should know is told', async () => {
  const image = join(tmp.path, 'p.png')
  await writeFile(image, PNG)
  const s = setup(() => ({
    text: 'Look\n\nAttached image: uploads/p.png',
    images: [{ path: image, mediaType: 'image/png' }],
    notices: ['p.png note'],
  }))
  const accepted = await s.submitter.accept({ ...s.base, replyTo: 1, files: [file(1, 'Look')] })
  await eventually(() => s.sent.length === 1)
  expect(s.sent[0]).toEqual({
    text: 'Look\n\nAttached image: uploads/p.png',
    images: [{ mediaType: 'image/png', data: PNG.toString('base64') }],
  })
  // The entry keeps the image's path (not its bytes): a restart sends it again from the file.
  expect(accepted?.entry?.images).toEqual([{ path: image, mediaType: 'image/png' }])
  await eventually(() => s.texts().includes('p.png note'))
  await Promise.all([...s.submitter.pending])
})

test('after a restart an upload already prepared sends its images again, read from the saved files', async () => {
  const image = join(tmp.path, 'p.png')
  await writeFile(image, PNG)
  const s = setup(() => {
    throw new Error('prepared before the restart: nothing is saved again')
  })
  const entry = await s.inbox.accept({
    userId: USER,
    chatId: USER,
    owner: String(USER),
    sessionId: 's-main',
    sessionName: 'main',
    prompt: 'Look\n\nAttached image: uploads/p.png',
    files: [file(1, 'Look')],
  })
  entry.images = [{ path: image, mediaType: 'image/png' }]
  s.submitter.resume(entry, sessionMeta(), true)
  await eventually(() => s.sent.length === 1)
  expect(s.sent[0]).toEqual({
    text: 'Look\n\nAttached image: uploads/p.png',
    images: [{ mediaType: 'image/png', data: PNG.toString('base64') }],
  })
  await Promise.all([...s.submitter.pending])
})
