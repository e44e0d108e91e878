import { type Context, Context as TelegrafContext } from 'telegraf'
import type { Update } from 'telegraf/types'
import { expect, test } from 'vitest'
import { createLogger } from '../logging/logger.js'
import { allowList } from './allow-list.js'

const logger = createLogger({ level: 'silent', secrets: [] })

function contextOf(update: Record<string, unknown>): Context {
  const telegram = new Proxy({}, { get: () => expect.fail('ctx.telegram bypasses the outbox') })
  return new TelegrafContext(update as unknown as Update, telegram as never, {} as never)
}

function setup() {
  const calls: [string, Record<string, unknown>][] = []
  const outbox = {
    call: async (method: string, payload: Record<string, unknown>) => {
      calls.push([method, payload])
      return true as never
    },
  }
  const gate = allowList({ allowedUsers: new Set([5]), logger, outbox })
  const passes = async (update: Record<string, unknown>) => {
    let passed = false
    await gate(contextOf(update), async () => {
      passed = true
    })
    return passed
  }
  return { calls, passes }
}

const stop = (chat: unknown) => ({
  update_id: 1,
  stopped_message_generation: { chat, draft_id: 77 },
})

test('a Stop press (no sender) is allowed by its private chat, whose id is the user’s', async () => {
  const s = setup()
  expect(await s.passes(stop({ id: 5, type: 'private' }))).toBe(true)
  expect(s.calls).toEqual([])
})

test('a Stop press from any other chat is refused silently', async () => {
  const s = setup()
  for (const chat of [
    { id: 6, type: 'private' },
    { id: 5, type: 'group' },
    { id: -100, type: 'supergroup' },
    { type: 'private' },
    undefined,
  ]) {
    expect(await s.passes(stop(chat))).toBe(false)
  }
  expect(s.calls).toEqual([])
})

test('messages still pass by their sender, and a stranger still gets one refusal', async () => {
  const s = setup()
  const message = (from: number) => ({
    update_id: 2,
    message: {
      message_id: 1,
      date: 0,
      chat: { id: from, type: 'private' },
      from: { id: from, is_bot: false, first_name: 'A' },
      text: 'hi',
    },
  })
  expect(await s.passes(message(5))).toBe(true)
  expect(await s.passes(message(6))).toBe(false)
  expect(s.calls.map(([method, payload]) => [method, payload.chat_id])).toEqual([
    ['sendMessage', 6],
  ])
})
