import type { Context } from 'telegraf'
import { expect, test } from 'vitest'
import { createLogger } from '../logging/logger.js'
import { GROUP_REFUSAL, privateChatsOnly } from './private-chats-only.js'

const logger = createLogger({ level: 'silent', secrets: [] })

/** A context whose own client must not be used, and an outbox that records what goes out. */
function setup() {
  const calls: [string, Record<string, unknown>][] = []
  const outbox = {
    call: async (method: string, payload: Record<string, unknown>) => {
      calls.push([method, payload])
      return true as never
    },
  }
  const context = (
    chat: { id: number; type: string } | undefined,
    callbackQuery?: { id: string },
  ) =>
    ({
      chat,
      callbackQuery,
      telegram: new Proxy({}, { get: () => expect.fail('ctx.telegram bypasses the outbox') }),
    }) as unknown as Context
  return { calls, outbox, context }
}

test('private chats (and updates without a chat) go on', async () => {
  const { calls, outbox, context } = setup()
  const gate = privateChatsOnly(logger, outbox)
  for (const chat of [{ id: 5, type: 'private' }, undefined]) {
    let passed = false
    await gate(context(chat), async () => {
      passed = true
    })
    expect(passed).toBe(true)
  }
  expect(calls).toEqual([])
})

test('a group gets one refusal an hour, through the outbox, and nothing runs', async () => {
  const { calls, outbox, context } = setup()
  const gate = privateChatsOnly(logger, outbox)
  let passed = false
  const next = async () => {
    passed = true
  }
  await gate(context({ id: -100, type: 'supergroup' }), next)
  await gate(context({ id: -100, type: 'supergroup' }), next)
  await gate(context({ id: -100, type: 'supergroup' }, { id: 'q1' }), next)
  expect(passed).toBe(false)
  expect(calls).toEqual([
    ['sendMessage', { chat_id: -100, text: GROUP_REFUSAL }],
    ['answerCallbackQuery', { callback_query_id: 'q1', text: GROUP_REFUSAL.slice(0, 200) }],
  ])
})
