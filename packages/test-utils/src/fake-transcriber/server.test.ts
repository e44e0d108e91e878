import { afterEach, beforeEach, expect, it } from 'vitest'
import { INVALID_FORMAT } from './openai-errors.js'
import { startFakeTranscriber } from './server.js'
import type { FakeTranscriber } from './types.js'

let fake: FakeTranscriber
beforeEach(async () => {
  fake = await startFakeTranscriber({ apiKey: 'sk-test-key-123456' })
})
afterEach(() => fake.close())

function post(
  fields: Record<string, string>,
  file?: { name: string; content: string },
  key = 'sk-test-key-123456',
) {
  const form = new FormData()
  for (const [name, value] of Object.entries(fields)) form.append(name, value)
  if (file) form.append('file', new Blob([file.content], { type: 'audio/ogg' }), file.name)
  return fetch(`${fake.url}/audio/transcriptions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}` },
    body: form,
  })
}

it('transcribes (by default: the audio bytes are the text) and records the request', async () => {
  const res = await post({ model: 'whisper-1' }, { name: 'voice.ogg', content: ' hi there ' })
  expect(res.status).toBe(200)
  expect(await res.json()).toEqual({ text: 'hi there' })
  expect(fake.requests[0]).toMatchObject({
    path: '/v1/audio/transcriptions',
    authorization: 'Bearer sk-test-key-123456',
    fields: { model: 'whisper-1' },
    file: { name: 'voice.ogg', type: 'audio/ogg' },
  })
})

it("refuses like OpenAI: wrong key, no model, an unsupported format (OpenAI's error bodies)", async () => {
  const wrong = await post({ model: 'whisper-1' }, { name: 'a.ogg', content: 'x' }, 'sk-wrong-0000')
  expect(wrong.status).toBe(401)
  expect(await wrong.json()).toMatchObject({
    error: { code: 'invalid_api_key', type: 'invalid_request_error' },
  })
  const noModel = await post({}, { name: 'a.ogg', content: 'x' })
  expect(noModel.status).toBe(400)
  const format = await post({ model: 'whisper-1' }, { name: 'a.opus', content: 'x' })
  expect(format.status).toBe(400)
  expect(await format.json()).toEqual({
    error: { message: INVALID_FORMAT, type: 'invalid_request_error', param: null, code: null },
  })
})

it('plays scripted replies in order, then the responder again', async () => {
  fake.replyNext({ status: 500, message: 'The server had an error' }, { raw: 'not json' })
  const file = { name: 'a.mp3', content: 'third' }
  expect((await post({ model: 'm' }, file)).status).toBe(500)
  expect(await (await post({ model: 'm' }, file)).text()).toBe('not json')
  expect(await (await post({ model: 'm' }, file)).json()).toEqual({ text: 'third' })
})
