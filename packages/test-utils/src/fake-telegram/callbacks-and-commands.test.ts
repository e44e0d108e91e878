import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { callApi } from './call-api.js'
import { FakeTelegramUsageError } from './errors.js'
import { type FakeTelegram, startFakeTelegram } from './fake-telegram.js'

const dave = { id: 4004 }
let now = 0
let fake: FakeTelegram

beforeEach(async () => {
  now = 1_000_000
  fake = await startFakeTelegram({ now: () => now, callbackQueryTtlMs: 15_000 })
  fake.userSends(dave, 'hi')
})
afterEach(() => fake.close())

async function messageWithButton(): Promise<number> {
  const { body } = await callApi<{ message_id: number }>(fake, 'sendMessage', {
    chat_id: dave.id,
    text: 'Allow?',
    reply_markup: { inline_keyboard: [[{ text: 'Yes', callback_data: 'allow:1' }]] },
  })
  return body.result?.message_id ?? -1
}

describe('callback queries', () => {
  it('delivers a press and accepts one answer', async () => {
    const messageId = await messageWithButton()
    const update = fake.userPresses(dave, { chatId: dave.id, messageId }, 'allow:1')
    expect(update.callback_query).toMatchObject({
      data: 'allow:1',
      message: { message_id: messageId },
    })
    const id = update.callback_query?.id
    expect(
      (await callApi(fake, 'answerCallbackQuery', { callback_query_id: id, text: 'ok' })).body.ok,
    ).toBe(true)
    const twice = await callApi(fake, 'answerCallbackQuery', { callback_query_id: id })
    expect(twice.body.description).toBe(
      'Bad Request: query is too old and response timeout expired or query ID is invalid',
    )
  })

  it('rejects unknown and expired query ids, and long texts', async () => {
    const unknown = await callApi(fake, 'answerCallbackQuery', { callback_query_id: '123' })
    expect(unknown.status).toBe(400)
    const messageId = await messageWithButton()
    const first = fake.userPresses(dave, { chatId: dave.id, messageId }, 'allow:1').callback_query
      ?.id
    const long = await callApi(fake, 'answerCallbackQuery', {
      callback_query_id: first,
      text: 'x'.repeat(201),
    })
    expect(long.body.description).toBe('Bad Request: MESSAGE_TOO_LONG')
    now += 15_001
    const old = await callApi(fake, 'answerCallbackQuery', { callback_query_id: first })
    expect(old.body.description).toMatch(/query is too old/)
  })

  it('refuses a press on a button that is not there', async () => {
    const messageId = await messageWithButton()
    expect(() => fake.userPresses(dave, { chatId: dave.id, messageId }, 'deny:1')).toThrow(
      FakeTelegramUsageError,
    )
  })
})

describe('commands', () => {
  it('stores valid commands for the default scope', async () => {
    const commands = [{ command: 'new', description: 'Start a session' }]
    expect((await callApi(fake, 'setMyCommands', { commands })).body.ok).toBe(true)
    expect(fake.commands()).toEqual(commands)
    expect((await callApi(fake, 'getMyCommands')).body.result).toEqual(commands)
  })

  it.each([
    ['upper case', { command: 'New', description: 'x' }, 'Bad Request: BOT_COMMAND_INVALID'],
    ['slash', { command: '/new', description: 'x' }, 'Bad Request: BOT_COMMAND_INVALID'],
    ['33 chars', { command: 'a'.repeat(33), description: 'x' }, 'Bad Request: BOT_COMMAND_INVALID'],
    [
      'empty description',
      { command: 'new', description: ' ' },
      'Bad Request: command description must be non-empty',
    ],
    [
      'long description',
      { command: 'new', description: 'x'.repeat(257) },
      'Bad Request: BOT_COMMAND_DESCRIPTION_INVALID',
    ],
    [
      'missing field',
      { command: 'new' },
      `Bad Request: can't parse BotCommand: Can't find field "description"`,
    ],
  ])('rejects %s', async (_name, command, description) => {
    const { body } = await callApi(fake, 'setMyCommands', { commands: [command] })
    expect(body.description).toBe(description)
    expect(fake.commands()).toEqual([])
  })
})
