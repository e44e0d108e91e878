import type { Message } from 'telegraf/types'
import { expect, test } from 'vitest'
import { UploadFileSchema } from '../conversation/inbox-entry.js'
import { incomingAudio } from './voice-file.js'

const now = new Date('2026-12-02T13:45:10Z')
const base = { message_id: 7, date: 0, chat: { id: 1, type: 'private', first_name: 'A' } }

test('a voice note becomes an .ogg upload marked as voice, valid for the inbox', () => {
  const message = {
    ...base,
    voice: {
      file_id: 'AwAC1',
      file_unique_id: 'u',
      duration: 4,
      mime_type: 'audio/ogg',
      file_size: 9,
    },
  } as Message
  const file = incomingAudio(message, now)
  expect(file).toEqual({
    messageId: 7,
    fileId: 'AwAC1',
    fileName: 'voice-20261202-134510.ogg',
    bytes: 9,
    audio: { kind: 'voice', duration: 4, mimeType: 'audio/ogg' },
  })
  expect(UploadFileSchema.parse(file)).toEqual(file)
})

test('an audio file keeps its name; without one the MIME type gives the extension', () => {
  const audio = (extra: object) =>
    ({
      ...base,
      caption: 'hi',
      audio: { file_id: 'CQ', file_unique_id: 'u', duration: 60, ...extra },
    }) as Message
  expect(
    incomingAudio(audio({ file_name: 'memo.m4a', mime_type: 'audio/mp4' }), now),
  ).toMatchObject({
    fileName: 'memo.m4a',
    caption: 'hi',
    audio: { kind: 'audio', duration: 60 },
  })
  expect(incomingAudio(audio({ mime_type: 'audio/x-wav' }), now)?.fileName).toBe(
    'audio-20261202-134510.wav',
  )
  expect(incomingAudio(audio({ file_name: 'noext' }), now)?.fileName).toBe(
    'audio-20261202-134510.mp3',
  )
})

test('other messages are not audio', () => {
  expect(incomingAudio({ ...base, text: 'hello' } as Message)).toBeUndefined()
})
