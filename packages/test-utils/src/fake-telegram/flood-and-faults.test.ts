import { afterEach, describe, expect, it } from 'vitest'
import { callApi } from './call-api.js'
import { type FakeTelegram, startFakeTelegram } from './fake-telegram.js'

const carol = { id: 3003 }
let fake: FakeTelegram | undefined
afterEach(() => fake?.close())

describe('flood control', () => {
  it('answers 429 with retry_after once a chat exceeds its window, and recovers', async () => {
    let now = 1_000_000
    fake = await startFakeTelegram({
      now: () => now,
      flood: { perChat: { limit: 3, windowMs: 10_000 } },
    })
    fake.userSends(carol, 'hi')
    const send = () =>
      callApi(fake as FakeTelegram, 'sendMessage', { chat_id: carol.id, text: 'x' })
    for (let n = 0; n < 3; n++) expect((await send()).body.ok).toBe(true)
    now += 2_500
    expect(await send()).toEqual({
      status: 429,
      body: {
        ok: false,
        error_code: 429,
        description: 'Too Many Requests: retry after 8',
        parameters: { retry_after: 8 },
      },
    })
    now += 8_000
    expect((await send()).body.ok).toBe(true)
    expect(fake.errors().map((c) => c.errorCode)).toEqual([429])
  })

  it('counts edits too, per chat, by default 20 per 20 s', async () => {
    fake = await startFakeTelegram({ now: () => 0 })
    fake.userSends(carol, 'hi')
    const sent = await callApi<{ message_id: number }>(fake, 'sendMessage', {
      chat_id: carol.id,
      text: 'x0',
    })
    const id = sent.body.result?.message_id
    const results: number[] = []
    for (let n = 1; n <= 20; n++) {
      const edit = await callApi(fake, 'editMessageText', {
        chat_id: carol.id,
        message_id: id,
        text: `x${n}`,
      })
      results.push(edit.status)
    }
    expect(results.slice(0, 19).every((s) => s === 200)).toBe(true)
    expect(results[19]).toBe(429)
  })
})

describe('failNext', () => {
  it('injects a 429 with retry_after, then behaves normally', async () => {
    fake = await startFakeTelegram()
    fake.userSends(carol, 'hi')
    fake.failNext('sendMessage', { status: 429, retryAfter: 3 })
    const failed = await callApi(fake, 'sendMessage', { chat_id: carol.id, text: 'x' })
    expect(failed.body).toMatchObject({ error_code: 429, parameters: { retry_after: 3 } })
    expect((await callApi(fake, 'sendMessage', { chat_id: carol.id, text: 'x' })).body.ok).toBe(
      true,
    )
    expect(fake.errors()).toEqual([]) // injected faults are not the bot's fault
  })

  it('injects server errors a given number of times', async () => {
    fake = await startFakeTelegram()
    fake.failNext('getMe', { status: 502 }, 2)
    expect((await callApi(fake, 'getMe')).body).toEqual({
      ok: false,
      error_code: 502,
      description: 'Bad Gateway',
    })
    expect((await callApi(fake, 'getMe')).status).toBe(502)
    expect((await callApi(fake, 'getMe')).status).toBe(200)
  })

  it('drops the connection for a network failure', async () => {
    fake = await startFakeTelegram()
    fake.failNext('getMe', 'network')
    await expect(callApi(fake, 'getMe')).rejects.toThrow()
    expect((await callApi(fake, 'getMe')).status).toBe(200)
  })
})
