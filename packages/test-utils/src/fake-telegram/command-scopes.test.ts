import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { callApi } from './call-api.js'
import { type FakeTelegram, startFakeTelegram } from './fake-telegram.js'

const dave = { id: 4004 }
const erin = { id: 5005 }
let fake: FakeTelegram

beforeEach(async () => {
  fake = await startFakeTelegram()
  fake.userSends(dave, 'hi')
  fake.userSends(erin, 'hi')
})
afterEach(() => fake.close())

const one = [{ command: 'review_pr', description: 'Review a pull request' }]

describe('command scopes', () => {
  it('keeps one list per chat, apart from the default one', async () => {
    const scope = { type: 'chat', chat_id: dave.id }
    expect((await callApi(fake, 'setMyCommands', { commands: one, scope })).body.ok).toBe(true)
    expect(fake.commands({ chatId: dave.id })).toEqual(one)
    expect(fake.commands({ chatId: erin.id })).toEqual([])
    expect(fake.commands()).toEqual([])
    expect((await callApi(fake, 'getMyCommands', { scope })).body.result).toEqual(one)
    expect((await callApi(fake, 'deleteMyCommands', { scope })).body.ok).toBe(true)
    expect(fake.commands({ chatId: dave.id })).toEqual([])
  })

  it.each([
    [
      'not an object',
      5,
      "Bad Request: can't parse BotCommandScope: BotCommandScope must be an Object",
    ],
    [
      'unknown type',
      { type: 'everyone' },
      "Bad Request: can't parse BotCommandScope: Unsupported type specified",
    ],
    [
      'no chat_id',
      { type: 'chat' },
      `Bad Request: can't parse BotCommandScope: Can't find field "chat_id"`,
    ],
    ['unknown chat', { type: 'chat', chat_id: 777 }, 'Bad Request: chat not found'],
    [
      'administrators of a private chat',
      { type: 'chat_administrators', chat_id: dave.id },
      "Bad Request: can't use specified scope in private chats",
    ],
  ])('refuses a scope: %s', async (_name, scope, description) => {
    const { body } = await callApi(fake, 'setMyCommands', { commands: one, scope })
    expect(body.description).toBe(description)
  })

  it('refuses more than 100 commands', async () => {
    const commands = Array.from({ length: 101 }, (_, i) => ({ command: `c${i}`, description: 'x' }))
    const scope = { type: 'chat', chat_id: dave.id }
    const { body } = await callApi(fake, 'setMyCommands', { commands, scope })
    expect(body.description).toBe('Bad Request: BOT_COMMANDS_TOO_MUCH')
    const hundred = commands.slice(0, 100)
    expect((await callApi(fake, 'setMyCommands', { commands: hundred, scope })).body.ok).toBe(true)
  })
})
