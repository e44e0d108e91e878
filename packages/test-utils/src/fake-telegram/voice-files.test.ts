import { afterEach, beforeEach, expect, it } from 'vitest'
import { callApi } from './call-api.js'
import { type FakeTelegram, startFakeTelegram } from './fake-telegram.js'

const erin = { id: 5006 }
let fake: FakeTelegram

beforeEach(async () => {
  fake = await startFakeTelegram()
})
afterEach(() => fake.close())

async function download(fileId: string | undefined): Promise<{ path: string; text: string }> {
  const { body } = await callApi<{ file_path: string }>(fake, 'getFile', { file_id: fileId })
  const path = body.result?.file_path ?? ''
  const res = await fetch(`${fake.apiRoot}/file/bot${fake.token}/${path}`)
  return { path, text: await res.text() }
}

it('a voice note carries file_id, duration, mime_type and file_size; getFile serves it as .oga', async () => {
  const update = fake.userSendsVoice(erin, { content: 'hello voice', duration: 7 })
  const voice = update.message?.voice
  expect(voice).toMatchObject({ duration: 7, mime_type: 'audio/ogg', file_size: 11 })
  expect(voice?.file_id).toMatch(/^AwAC/)
  expect(await download(voice?.file_id)).toEqual({
    path: expect.stringMatching(/^voice\/file_\d+\.oga$/),
    text: 'hello voice',
  })
})

it('an audio file keeps its name, MIME type, performer and title; getFile serves it under music/', async () => {
  const update = fake.userSendsAudio(
    erin,
    { content: 'song', name: 'memo.m4a', mimeType: 'audio/mp4', performer: 'Erin', title: 'Memo' },
    'listen',
  )
  expect(update.message).toMatchObject({
    caption: 'listen',
    audio: { file_name: 'memo.m4a', mime_type: 'audio/mp4', performer: 'Erin', title: 'Memo' },
  })
  expect(await download(update.message?.audio?.file_id)).toEqual({
    path: expect.stringMatching(/^music\/file_\d+\.m4a$/),
    text: 'song',
  })
})

it('an album of audio files: one update per file sharing media_group_id; audio is not mixed with other kinds', async () => {
  const updates = fake.userSendsMediaGroup(
    erin,
    [{ audio: { content: 'one', name: 'a.mp3' } }, { audio: { content: 'two', name: 'b.mp3' } }],
    'both',
  )
  const [first, second] = updates.map((u) => u.message)
  expect(first?.media_group_id).toBeDefined()
  expect(second?.media_group_id).toBe(first?.media_group_id)
  expect(first).toMatchObject({ caption: 'both', audio: { file_name: 'a.mp3' } })
  expect(second?.caption).toBeUndefined()
  expect((await download(second?.audio?.file_id)).text).toBe('two')
  expect(() =>
    fake.userSendsMediaGroup(erin, [{ audio: { content: 'x' } }, { name: 'a.txt', content: 'a' }]),
  ).toThrow('an album with audio files has only audio files')
})
