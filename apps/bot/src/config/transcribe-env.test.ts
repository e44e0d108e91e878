import { expect, test } from 'vitest'
import { parseConfig } from './env.js'

const valid = {
  TELEGRAM_BOT_TOKEN: '123456789:AAEabcdefghijklmnopqrstuvwxyz012345',
  SWITCHBOARD_ALLOWED_USERS: '111',
}

test('transcription is off by default, with whisper-1 as the model', () => {
  const result = parseConfig(valid)
  expect(result.ok && result.config).toMatchObject({ SWITCHBOARD_TRANSCRIBE_MODEL: 'whisper-1' })
  expect(result.ok && result.config.SWITCHBOARD_TRANSCRIBE_URL).toBeUndefined()
})

test('a configured transcriber', () => {
  const result = parseConfig({
    ...valid,
    SWITCHBOARD_TRANSCRIBE_URL: 'http://127.0.0.1:8000/v1',
    SWITCHBOARD_TRANSCRIBE_API_KEY: 'sk-abc',
    SWITCHBOARD_TRANSCRIBE_MODEL: ' gpt-4o-mini-transcribe ',
  })
  expect(result.ok && result.config).toMatchObject({
    SWITCHBOARD_TRANSCRIBE_URL: 'http://127.0.0.1:8000/v1',
    SWITCHBOARD_TRANSCRIBE_API_KEY: 'sk-abc',
    SWITCHBOARD_TRANSCRIBE_MODEL: 'gpt-4o-mini-transcribe',
  })
})

test('a URL that is not http(s) is refused, naming the variable and an example', () => {
  const result = parseConfig({ ...valid, SWITCHBOARD_TRANSCRIBE_URL: 'api.openai.com/v1' })
  expect(result.ok).toBe(false)
  expect(!result.ok && result.message).toMatch(
    /^SWITCHBOARD_TRANSCRIBE_URL: expected the http\(s\) base URL .*https:\/\/api\.openai\.com\/v1/,
  )
})
