import { Telegraf } from 'telegraf'
import { expect, test } from 'vitest'
import { routeContextCalls } from './routed-telegram.js'

test("a handler's ctx.telegram calls go through the outbox, Telegraf's helpers included", async () => {
  const bot = new Telegraf('123:secret', { telegram: { apiRoot: 'http://127.0.0.1:9' } })
  bot.botInfo = {
    id: 1,
    is_bot: true,
    first_name: 'b',
    username: 'b_bot',
    can_join_groups: false,
    can_read_all_group_messages: false,
    supports_inline_queries: false,
  }
  const calls: [string, Record<string, unknown>][] = []
  routeContextCalls(bot, {
    call: async (method: string, payload: Record<string, unknown>) => {
      calls.push([method, payload])
      return (method === 'getFile' ? { file_id: 'f', file_path: 'documents/a.pdf' } : true) as never
    },
  })
  let link: URL | undefined
  bot.on('callback_query', async (ctx) => {
    await ctx.answerCbQuery('ok')
    link = await ctx.telegram.getFileLink('f')
  })
  await bot.handleUpdate({
    update_id: 1,
    callback_query: {
      id: 'q1',
      from: { id: 5, is_bot: false, first_name: 'u' },
      chat_instance: 'c',
      data: 'x',
    },
  })
  expect(calls).toEqual([
    ['answerCallbackQuery', { callback_query_id: 'q1', text: 'ok' }],
    ['getFile', { file_id: 'f' }],
  ])
  expect(link?.href).toBe('http://127.0.0.1:9/file/bot123:secret/documents/a.pdf')
})
