import { makeTempDir } from '@switchboard/test-utils'
import { afterEach, beforeEach, expect, test } from 'vitest'
import { UploadTooLargeError } from '../files/uploads.js'
import type { UploadFile } from './inbox-entry.js'
import { parkUpload } from './park-upload.js'
import { PendingFiles } from './pending-files.js'
import { eventually, makeOutbox, sessionMeta, silentLogger } from './testing/fakes.js'

let tmp: Awaited<ReturnType<typeof makeTempDir>>
beforeEach(async () => {
  tmp = await makeTempDir('park-upload')
})
afterEach(async () => {
  await tmp.cleanup()
})

const key = { owner: '42', sessionId: 's-main' }
const file = (messageId: number, fileName: string): UploadFile => ({
  fileId: `f${messageId}`,
  fileName,
  messageId,
})

test('saved at once and asked about; one too large to download is dropped and the user told why', async () => {
  const { api, outbox } = makeOutbox()
  const pending = new PendingFiles({
    sessionDirectory: () => tmp.path,
    outbox,
    logger: silentLogger,
  })
  const saveEarly = async (files: UploadFile[]) =>
    files.map((f) =>
      f.fileName === 'huge.zip'
        ? { file: f, error: new UploadTooLargeError(30 * 1024 * 1024) }
        : {
            file: {
              ...f,
              saved: { relativePath: `uploads/${f.fileName}`, path: `/x/${f.fileName}`, bytes: 3 },
            },
          },
    )
  let close!: () => void
  const complete = new Promise<void>((resolve) => {
    close = resolve
  })
  const parked = await parkUpload({ pending, outbox, logger: silentLogger, saveEarly }, key, {
    userId: 42,
    chatId: 42,
    session: sessionMeta(),
    replyTo: 1,
    files: [file(1, 'a.txt')],
    complete,
  })
  await parked.addFile(file(2, 'huge.zip'))
  close()
  const texts = () => api.callsOf('sendMessage').map((c) => String(c.payload.text))
  await eventually(() => texts().length === 2)
  expect(texts()).toEqual([
    expect.stringMatching(
      /^huge\.zip was not saved: The file is 30\.0 MB; Telegram only lets bots download files up to 20 MB\./,
    ),
    'Got a.txt. What should I do with it? Your next message runs with it attached.',
  ])
  expect(await pending.list(key)).toEqual([
    { ...file(1, 'a.txt'), saved: { relativePath: 'uploads/a.txt', path: '/x/a.txt', bytes: 3 } },
  ])
})
