import { Input, Markup, Telegraf } from 'telegraf'
import { afterEach, beforeEach, expect, it } from 'vitest'
import { type FakeTelegram, startFakeTelegram } from './fake-telegram.js'

const user = { id: 6006, first_name: 'Frank' }
let fake: FakeTelegram

beforeEach(async () => {
  fake = await startFakeTelegram()
})
afterEach(() => fake.close())

it('runs a real Telegraf bot end to end and stops it promptly', async () => {
  const bot = new Telegraf(fake.token, { telegram: { apiRoot: fake.apiRoot } })
  bot.start((ctx) =>
    ctx.reply('<b>Welcome</b>, pick one', {
      parse_mode: 'HTML',
      ...Markup.inlineKeyboard([Markup.button.callback('Go', 'go')]),
    }),
  )
  bot.action('go', async (ctx) => {
    await ctx.answerCbQuery('Going')
    await ctx.editMessageText('Gone')
  })
  bot.command('log', (ctx) =>
    ctx.replyWithDocument(Input.fromBuffer(Buffer.from('log line'), 'turn.log')),
  )
  await bot.telegram.setMyCommands([{ command: 'log', description: 'Send the log' }])

  const running = bot.launch({ dropPendingUpdates: true })
  await fake.waitFor(() => fake.isPolling())

  fake.userSends(user, '/start')
  const welcome = await fake.waitFor(() => fake.chat(user.id).lastBotMessage)
  expect(welcome.html).toBe('<b>Welcome</b>, pick one')

  fake.userPresses(user, { chatId: user.id, messageId: welcome.messageId }, 'go')
  await fake.waitFor(() => fake.chat(user.id).lastBotMessage?.text === 'Gone')

  fake.userSends(user, '/log')
  const log = await fake.waitFor(() => fake.chat(user.id).lastBotMessage?.document)
  expect(log.bytes.toString()).toBe('log line')
  expect(log.name).toBe('turn.log')

  bot.stop('test over')
  await running
  expect(fake.isPolling()).toBe(false)
  expect(fake.commands()).toEqual([{ command: 'log', description: 'Send the log' }])
  expect(fake.calls.map((c) => c.method)).toEqual(
    expect.arrayContaining([
      'getMe',
      'deleteWebhook',
      'getUpdates',
      'answerCallbackQuery',
      'sendDocument',
    ]),
  )
  expect(fake.errors()).toEqual([])
})
