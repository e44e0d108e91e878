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
  const info = await waitForTelegram(outbox, logger, async (ms) => void waits.push(ms))
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
  await expect(waitForTelegram(outbox, logger, async () => {})).rejects.toMatchObject({
    errorCode: 401,
  })
})
