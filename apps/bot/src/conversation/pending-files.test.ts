import { makeTempDir } from '@switchboard/test-utils'
import { afterEach, beforeEach, expect, test } from 'vitest'
import type { UploadFile } from './inbox-entry.js'
import { PendingFiles } from './pending-files.js'
import { makeOutbox, silentLogger } from './testing/fakes.js'

let tmp: Awaited<ReturnType<typeof makeTempDir>>
beforeEach(async () => {
  tmp = await makeTempDir('pending-files')
})
afterEach(async () => {
  await tmp.cleanup()
})

const key = { owner: '42', sessionId: 's-main' }
const file = (messageId: number, fileName = `f${messageId}.txt`): UploadFile => ({
  fileId: `id-${messageId}`,
  fileName,
  messageId,
})

function pending() {
  const { api, outbox } = makeOutbox()
  const files = new PendingFiles({ sessionDirectory: () => tmp.path, outbox, logger: silentLogger })
  return { files, api }
}

test('files wait on disk, in order, once each (a redelivered message is not added again)', async () => {
  const { files } = pending()
  await files.add(key, [file(1)])
  await Promise.all([files.add(key, [file(2)]), files.add(key, [file(1)])])
  // Another run of the bot sees them.
  const again = pending().files
  expect((await again.list(key)).map((f) => f.messageId)).toEqual([1, 2])
  await again.remove(key, [file(1)])
  expect((await files.list(key)).map((f) => f.messageId)).toEqual([2])
})

test('only uploads without any caption wait', () => {
  expect(PendingFiles.uncaptioned([file(1)])).toBe(true)
  expect(PendingFiles.uncaptioned([file(1), { ...file(2), caption: 'Compare' }])).toBe(false)
  expect(PendingFiles.uncaptioned([{ ...file(1), caption: '  ' }])).toBe(true)
  expect(PendingFiles.uncaptioned([])).toBe(false)
})

test('the question names the files, as a reply to the upload', async () => {
  const { files, api } = pending()
  await files.ask({ chatId: 7 }, 3, [file(3, 'report.pdf')])
  await files.ask({ chatId: 7, threadId: 9 }, 4, [
    file(4, 'a.png'),
    file(5, 'b.png'),
    file(6, 'c.txt'),
  ])
  const sent = api.callsOf('sendMessage').map((c) => c.payload)
  expect(sent.map((p) => p.text)).toEqual([
    'Got report.pdf. What should I do with it? Your next message runs with it attached.',
    'Got a.png, b.png and c.txt. What should I do with them? Your next message runs with them attached.',
  ])
  expect(sent[1]).toMatchObject({ message_thread_id: 9, reply_parameters: { message_id: 4 } })
})
