import { type FakeTranscriber, startFakeTranscriber } from '@switchboard/test-utils'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { type TranscriberConfig, transcribe, transcriberOf } from './transcribe.js'
import { TranscribeError } from './voice-errors.js'

const KEY = 'sk-unit-test-key-0000'
let fake: FakeTranscriber
let config: TranscriberConfig
beforeAll(async () => {
  fake = await startFakeTranscriber({ apiKey: KEY })
  config = { url: `${fake.url}/`, apiKey: KEY, model: 'whisper-1', timeoutMs: 2_000 }
})
afterAll(() => fake.close())

const audio = (text: string, fileName = 'voice.ogg') => ({
  bytes: new TextEncoder().encode(text),
  fileName,
  mimeType: 'audio/ogg',
})

async function failure(run: Promise<unknown>): Promise<TranscribeError> {
  const error = await run.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(TranscribeError)
  return error as TranscribeError
}

describe('transcribe', () => {
  test('posts file, model and response_format to {url}/audio/transcriptions and trims the text', async () => {
    expect(await transcribe(config, audio('  hello  '))).toBe('hello')
    expect(fake.requests.at(-1)).toMatchObject({
      path: '/v1/audio/transcriptions',
      fields: { model: 'whisper-1', response_format: 'json' },
      file: { name: 'voice.ogg', type: 'audio/ogg' },
    })
  })

  test("an HTTP error carries the status and the API's message, but never a 401's (it echoes the key)", async () => {
    const format = await failure(transcribe(config, audio('x', 'voice.opus')))
    expect(format.failure).toMatchObject({ reason: 'http', status: 400 })
    expect(format.message).toContain('Invalid file format')
    const auth = await failure(transcribe({ ...config, apiKey: 'sk-wrong-1234' }, audio('x')))
    expect(auth.failure).toEqual({ reason: 'http', status: 401, apiMessage: undefined })
    expect(auth.userMessage).toContain('SWITCHBOARD_TRANSCRIBE_API_KEY')
    expect(auth.userMessage).not.toContain('1234')
  })

  test('a reply without a transcript, an empty one, a hang and an unreachable server', async () => {
    fake.replyNext({ raw: '<html>proxy error</html>' }, { text: ' \n ' }, { hang: true })
    expect((await failure(transcribe(config, audio('x')))).failure.reason).toBe('reply')
    expect((await failure(transcribe(config, audio('x')))).failure.reason).toBe('empty')
    const hang = await failure(transcribe({ ...config, timeoutMs: 300 }, audio('x')))
    expect(hang.failure).toEqual({ reason: 'timeout', afterMs: 300 })
    const down = await failure(transcribe({ ...config, url: 'http://127.0.0.1:9/v1' }, audio('x')))
    expect(down.failure.reason).toBe('network')
    expect(down.userMessage).toContain('send it again in a moment')
  })
})

test('transcriberOf: configured only with a URL', () => {
  const base = { SWITCHBOARD_TRANSCRIBE_API_KEY: undefined, SWITCHBOARD_TRANSCRIBE_MODEL: 'm' }
  expect(transcriberOf({ ...base, SWITCHBOARD_TRANSCRIBE_URL: undefined })).toBeUndefined()
  expect(transcriberOf({ ...base, SWITCHBOARD_TRANSCRIBE_URL: 'http://x/v1' })).toMatchObject({
    url: 'http://x/v1',
    model: 'm',
  })
})
