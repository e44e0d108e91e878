import { expect, test } from 'vitest'
import { createLogger } from '../logging/logger.js'
import { networkError, telegramError } from '../telegram/testing/fake-call-api.js'
import { waitForTelegram } from './wait-for-telegram.js'

const logger = createLogger({ level: 'silent', secrets: [] })
const me = { id: 1, is_bot: true, first_name: 'Bot', username: 'b_bot' }

test('getMe goes through the outbox, one attempt at a time, until Telegram answers', async () => {
  const calls: [string, unknown][] = []
  const answers: unknown[] = [networkError('ECONNREFUSED'), networkError('ECONNRESET'), me]
  const outbox = {
    call: async (method: string, _payload: unknown, options: unknown) => {
      calls.push([method, options])
      const answer = answers.shift()
      if (answer instanceof Error) throw answer
      return answer as never
    },
  }
  const waits: number[] = []
  const info = await waitForTelegram(outbox, logger, { sleep: async (ms) => void waits.push(ms) })
  expect(info).toMatchObject({ username: 'b_bot', can_join_groups: false })
  expect(calls).toEqual([
    ['getMe', { retry: false }],
    ['getMe', { retry: false }],
    ['getMe', { retry: false }],
  ])
  expect(waits).toEqual([1_000, 2_000])
})

test('a rejected token is not retried', async () => {
  const outbox = {
    call: async () => {
      throw telegramError(401, 'Unauthorized')
    },
  }
  await expect(waitForTelegram(outbox, logger, { sleep: async () => {} })).rejects.toMatchObject({
    errorCode: 401,
  })
})

test('each failed attempt is one short line: why, the next try’s time, a proxy hint; no stack', async () => {
  const lines: string[] = []
  const json = createLogger({
    level: 'info',
    secrets: [],
    destination: { write: (line: string) => void lines.push(line) },
  })
  const answers: unknown[] = [networkError('ECONNREFUSED'), telegramError(502, 'Bad Gateway'), me]
  const outbox = {
    call: async () => {
      const answer = answers.shift()
      if (answer instanceof Error) throw answer
      return answer as never
    },
  }
  let now = new Date(2026, 0, 1, 14, 3, 4).getTime()
  const sleep = async (ms: number) => {
    now += ms
  }
  await waitForTelegram(outbox, json, { sleep, now: () => now })
  const records = lines.map((line) => JSON.parse(line))
  expect(records.map((r) => r.msg)).toEqual([
    'Telegram is not reachable (ECONNREFUSED); next try at 14:03:05; behind a proxy? set HTTPS_PROXY in .env',
    'Telegram is not reachable (502 Bad Gateway); next try at 14:03:07; behind a proxy? set HTTPS_PROXY in .env',
  ])
  expect(lines.join('')).not.toContain('stack')

  lines.length = 0
  answers.push(networkError('ETIMEDOUT'), me)
  const hint = { proxy: { variable: 'HTTPS_PROXY', shown: 'proxy.lan:3128' } }
  await waitForTelegram(outbox, json, { sleep, now: () => now, hint })
  expect(JSON.parse(lines[0] ?? '{}').msg).toMatch(
    /^Telegram is not reachable \(ETIMEDOUT\); next try at \d\d:\d\d:\d\d; going through the proxy proxy.lan:3128 \(HTTPS_PROXY\): check it$/,
  )
  lines.length = 0
  answers.push(networkError('ECONNREFUSED'), me)
  await waitForTelegram(outbox, json, { sleep, hint: { apiRoot: 'http://127.0.0.1:8081' } })
  expect(JSON.parse(lines[0] ?? '{}').msg).toMatch(
    /is the Bot API server at http:\/\/127.0.0.1:8081 \(TELEGRAM_API_ROOT\) running\?$/,
  )
})
