import type { Context } from 'telegraf'
import { expect, test } from 'vitest'
import { createLogger } from '../logging/logger.js'
import { GROUP_REFUSAL, privateChatsOnly } from './private-chats-only.js'

const logger = createLogger({ level: 'silent', secrets: [] })

function fakeContext(chat: { id: number; type: string } | undefined) {
  const sent: [number, string][] = []
  const ctx = {
    chat,
    callbackQuery: undefined,
    telegram: { sendMessage: async (id: number, text: string) => void sent.push([id, text]) },
  } as unknown as Context
  return { ctx, sent }
}

test('private chats (and updates without a chat) go on', async () => {
  const gate = privateChatsOnly(logger)
  for (const chat of [{ id: 5, type: 'private' }, undefined]) {
    const { ctx, sent } = fakeContext(chat)
    let passed = false
    await gate(ctx, async () => {
      passed = true
    })
    expect(passed).toBe(true)
    expect(sent).toEqual([])
  }
})

test('a group gets one refusal an hour and nothing runs', async () => {
  const gate = privateChatsOnly(logger)
  let passed = false
  const next = async () => {
    passed = true
  }
  const first = fakeContext({ id: -100, type: 'supergroup' })
  await gate(first.ctx, next)
  const second = fakeContext({ id: -100, type: 'supergroup' })
  await gate(second.ctx, next)
  expect(passed).toBe(false)
  expect(first.sent).toEqual([[-100, GROUP_REFUSAL]])
  expect(second.sent).toEqual([])
})
