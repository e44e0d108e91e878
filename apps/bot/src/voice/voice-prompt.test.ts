import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type FakeTranscriber, startFakeTranscriber } from '@switchboard/test-utils'
import { afterAll, beforeAll, expect, test } from 'vitest'
import type { InboxEntry, UploadFile } from '../conversation/inbox-entry.js'
import { makeOutbox, silentLogger } from '../conversation/testing/fakes.js'
import { TRANSCRIBE_TIMEOUT_MS } from './transcribe.js'
import { TranscriberNotConfiguredError } from './voice-errors.js'
import { withVoice } from './voice-prompt.js'

let transcriber: FakeTranscriber
let dir: string
beforeAll(async () => {
  transcriber = await startFakeTranscriber()
  dir = await mkdtemp(join(tmpdir(), 'voice-prompt-'))
})
afterAll(async () => {
  await transcriber.close()
  await rm(dir, { recursive: true, force: true })
})

const TOKEN = '123456789:AAEabcdefghijklmnopqrstuvwxyz012345'
const voice: UploadFile = {
  fileId: 'AwAC1',
  fileName: 'voice-20261202-134510.ogg',
  bytes: 12,
  messageId: 77,
  audio: { kind: 'voice', duration: 2, mimeType: 'audio/ogg' },
}
const entry = { chatId: 42, threadId: 9 } as InboxEntry

function setup(configured: boolean, spoken = 'open the file') {
  const { api, outbox } = makeOutbox((call) =>
    call.method === 'getFile' ? { file_path: 'voice/file_1.oga' } : undefined,
  )
  // Telegram's file server is stubbed; the transcriber is the real fake server.
  const fetchStub: typeof fetch = (input, init) =>
    String(input).includes('/file/bot') ? Promise.resolve(new Response(spoken)) : fetch(input, init)
  const inner = async (files: UploadFile[]) => `inner: ${files.length}`
  const prompt = withVoice(inner, {
    outbox,
    logger: silentLogger,
    config: { TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: 'http://telegram.invalid' },
    fetch: fetchStub,
    transcriber: configured
      ? {
          url: transcriber.url,
          apiKey: undefined,
          model: 'whisper-1',
          timeoutMs: TRANSCRIBE_TIMEOUT_MS,
        }
      : undefined,
  })
  const session = { id: 's1', name: 'main', workingDirectory: dir }
  return { api, prompt, session }
}

test('the transcript is the prompt and is shown in the topic, as a reply to the voice note', async () => {
  const { api, prompt, session } = setup(true)
  expect(await prompt([voice], session, entry)).toBe('open the file')
  const sent = api.calls.find((c) => c.method === 'sendMessage')
  expect(sent?.payload).toMatchObject({
    chat_id: 42,
    message_thread_id: 9,
    text: '🎙 open the file',
    reply_parameters: { message_id: 77 },
    disable_notification: true,
  })
  expect(api.calls.some((c) => c.method === 'sendChatAction')).toBe(true)
  expect(await readFile(join(dir, 'uploads', voice.fileName), 'utf8')).toBe('open the file')
})

test('other uploads go to the upload prompt', async () => {
  const { prompt, session } = setup(true)
  const doc: UploadFile = { fileId: 'BQ', fileName: 'a.txt', messageId: 1 }
  expect(await prompt([doc], session, entry)).toBe('inner: 1')
})

test('not configured (e.g. after a restart without it): the audio is saved and the error names it', async () => {
  const { prompt, session } = setup(false)
  const error = await prompt([voice], session, entry).catch((e: unknown) => e)
  expect(error).toBeInstanceOf(TranscriberNotConfiguredError)
  const saved = (error as TranscriberNotConfiguredError).savedAs ?? ''
  expect(saved).toMatch(/^uploads\/voice-.*\.ogg$/)
  expect((error as TranscriberNotConfiguredError).userMessage).toContain(
    'SWITCHBOARD_TRANSCRIBE_URL',
  )
  expect(await readFile(join(dir, saved), 'utf8')).toBe('open the file')
})

test('an album: one prompt with every transcript, in order, each under its file name', async () => {
  const { prompt, session } = setup(true)
  const memo = (messageId: number, fileName: string, caption?: string): UploadFile => ({
    ...voice,
    messageId,
    fileName,
    ...(caption ? { caption } : {}),
    audio: { kind: 'audio', duration: 2, mimeType: 'audio/mpeg' },
  })
  const files = [memo(80, 'a.mp3', 'Compare:'), memo(81, 'b.mp3')]
  expect(await prompt(files, session, entry)).toBe(
    'Compare:\n\nTranscript of a.mp3:\nopen the file\n\nTranscript of b.mp3:\nopen the file',
  )
})

test('a transcript that reads as a slash command is labelled, never run as a Claude Code command', async () => {
  // Claude Code runs a prompt starting with "/" as its command (/clear, a project's /deploy): a voice
  // note, often a forwarded one, is not a command the user typed.
  const { prompt, session } = setup(true, ' /clear everything')
  const text = String(await prompt([voice], session, entry))
  expect(text.trimStart().startsWith('/')).toBe(false)
  expect(text).toBe(`Transcript of ${voice.fileName}:\n/clear everything`)
})
