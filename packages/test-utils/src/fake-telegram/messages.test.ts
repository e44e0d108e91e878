import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { callApi } from './call-api.js'
import { type FakeTelegram, startFakeTelegram } from './fake-telegram.js'

const alice = { id: 1001, first_name: 'Alice' }
let fake: FakeTelegram

beforeEach(async () => {
  fake = await startFakeTelegram({ flood: { perChat: false, global: false } })
  fake.userSends(alice, 'hi')
})
afterEach(() => fake.close())

const send = (params: Record<string, unknown>) =>
  callApi(fake, 'sendMessage', { chat_id: alice.id, ...params })

describe('envelope and routing', () => {
  it('answers getMe in the ok/result envelope', async () => {
    const { status, body } = await callApi(fake, 'getMe')
    expect(status).toBe(200)
    expect(body).toMatchObject({
      ok: true,
      result: { id: 123456789, is_bot: true, username: 'test_bot' },
    })
  })

  it('rejects a wrong token with 401 and an unknown method with 404', async () => {
    expect(await callApi(fake, 'getMe', {}, { token: '1:wrong' })).toEqual({
      status: 401,
      body: { ok: false, error_code: 401, description: 'Unauthorized' },
    })
    expect(await callApi(fake, 'sendMesage')).toEqual({
      status: 404,
      body: { ok: false, error_code: 404, description: 'Not Found' },
    })
  })

  it('treats method names case-insensitively, like Telegram', async () => {
    expect((await callApi(fake, 'GETME')).status).toBe(200)
  })

  it('refuses chats the bot has never seen', async () => {
    const { body } = await callApi(fake, 'sendMessage', { chat_id: 42, text: 'x' })
    expect(body.description).toBe('Bad Request: chat not found')
  })
})

describe('sendMessage text rules', () => {
  it('records plain text, entities and re-rendered HTML', async () => {
    const { body } = await send({ text: '<b>Hi</b> &amp; <i>bye</i>', parse_mode: 'HTML' })
    expect(body.ok).toBe(true)
    const last = fake.chat(alice.id).lastBotMessage
    expect(last?.text).toBe('Hi & bye')
    expect(last?.entities).toEqual([
      { type: 'bold', offset: 0, length: 2 },
      { type: 'italic', offset: 5, length: 3 },
    ])
    expect(last?.html).toBe('<b>Hi</b> &amp; <i>bye</i>')
  })

  it.each([
    ['missing text', {}],
    ['only spaces', { text: '   ' }],
    ['empty after parsing', { text: '<b></b>', parse_mode: 'HTML' }],
  ])('rejects %s as empty', async (_name, params) => {
    const { status, body } = await send(params)
    expect(status).toBe(400)
    expect(body.description).toBe('Bad Request: message text is empty')
  })

  it('allows 4096 UTF-16 units after parsing and rejects 4097', async () => {
    expect((await send({ text: 'a'.repeat(4096) })).body.ok).toBe(true)
    const { body } = await send({ text: 'a'.repeat(4097) })
    expect(body.description).toBe('Bad Request: message is too long')
  })

  it('counts &amp; as one character and an emoji as two', async () => {
    expect((await send({ text: `${'a'.repeat(4095)}&amp;`, parse_mode: 'HTML' })).body.ok).toBe(
      true,
    )
    expect((await send({ text: `${'a'.repeat(4095)}😀` })).body.description).toBe(
      'Bad Request: message is too long',
    )
  })

  it('reports HTML errors in Telegram wording', async () => {
    const { body } = await send({ text: 'a <div>', parse_mode: 'HTML' })
    expect(body).toEqual({
      ok: false,
      error_code: 400,
      description: `Bad Request: can't parse entities: Unsupported start tag "div" at byte offset 2`,
    })
  })

  it('reports MarkdownV2 reserved characters', async () => {
    const { body } = await send({ text: 'Done.', parse_mode: 'MarkdownV2' })
    expect(body.description).toBe(
      `Bad Request: can't parse entities: Character '.' is reserved and must be escaped with the preceding '\\'`,
    )
  })

  it('lists every rejected call in errors()', async () => {
    await send({ text: '' })
    expect(fake.errors().map((c) => c.description)).toEqual(['Bad Request: message text is empty'])
  })
})

describe('reply markup', () => {
  const keyboard = (data: string) => ({ inline_keyboard: [[{ text: 'Go', callback_data: data }]] })

  it('accepts 64-byte callback data and rejects 65 bytes (UTF-8)', async () => {
    expect((await send({ text: 'x', reply_markup: keyboard('a'.repeat(64)) })).body.ok).toBe(true)
    const { body } = await send({ text: 'x', reply_markup: keyboard(`${'a'.repeat(63)}é`) })
    expect(body.description).toBe('Bad Request: BUTTON_DATA_INVALID')
  })

  it('rejects buttons that do nothing and malformed markup', async () => {
    const textOnly = await send({ text: 'x', reply_markup: { inline_keyboard: [[{ text: 'A' }]] } })
    expect(textOnly.body.description).toMatch(/Text buttons are unallowed in the inline keyboard/)
    const shape = await send({ text: 'x', reply_markup: { inline_keyboard: [{ text: 'A' }] } })
    expect(shape.body.description).toBe(
      "Bad Request: can't parse reply keyboard markup JSON object",
    )
  })
})

describe('edits and deletes', () => {
  const sent = async (params: Record<string, unknown>) => {
    const { body } = await send(params)
    return (body.result as { message_id: number }).message_id
  }

  it('refuses an edit that changes nothing', async () => {
    const markup = { inline_keyboard: [[{ text: 'Go', callback_data: 'go' }]] }
    const id = await sent({ text: '<b>x</b>', parse_mode: 'HTML', reply_markup: markup })
    const same = await callApi(fake, 'editMessageText', {
      chat_id: alice.id,
      message_id: id,
      text: '*x*',
      parse_mode: 'MarkdownV2',
      reply_markup: markup,
    })
    expect(same.body.description).toBe(
      'Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message',
    )
    const noMarkup = await callApi(fake, 'editMessageReplyMarkup', {
      chat_id: alice.id,
      message_id: id,
      reply_markup: markup,
    })
    expect(noMarkup.body.description).toMatch(/^Bad Request: message is not modified/)
  })

  it('edits text, counts edits, and drops the keyboard when reply_markup is omitted', async () => {
    const id = await sent({
      text: 'x',
      reply_markup: { inline_keyboard: [[{ text: 'Go', callback_data: 'go' }]] },
    })
    const { body } = await callApi(fake, 'editMessageText', {
      chat_id: alice.id,
      message_id: id,
      text: 'y',
    })
    expect(body.ok).toBe(true)
    const message = fake.chat(alice.id).lastBotMessage
    expect(message).toMatchObject({ text: 'y', edits: 1, replyMarkup: undefined })
  })

  it('says which message is missing', async () => {
    const edit = await callApi(fake, 'editMessageText', {
      chat_id: alice.id,
      message_id: 999,
      text: 'y',
    })
    expect(edit.body.description).toBe('Bad Request: message to edit not found')
    const del = await callApi(fake, 'deleteMessage', { chat_id: alice.id, message_id: 999 })
    expect(del.body.description).toBe('Bad Request: message to delete not found')
  })

  it('refuses to edit the user’s own message', async () => {
    const { body } = await callApi(fake, 'editMessageText', {
      chat_id: alice.id,
      message_id: 1,
      text: 'y',
    })
    expect(body.description).toBe("Bad Request: message can't be edited")
  })

  it('deletes a message from the chat', async () => {
    const id = await sent({ text: 'x' })
    expect(
      (await callApi(fake, 'deleteMessage', { chat_id: alice.id, message_id: id })).body.result,
    ).toBe(true)
    expect(fake.chat(alice.id).botMessages).toEqual([])
  })
})

describe('drafts and chat actions', () => {
  it('keeps the latest draft until the bot sends the message', async () => {
    await callApi(fake, 'sendMessageDraft', { chat_id: alice.id, draft_id: 7, text: 'Thin' })
    await callApi(fake, 'sendMessageDraft', {
      chat_id: alice.id,
      draft_id: 7,
      text: '<i>Think</i>',
      parse_mode: 'HTML',
    })
    expect(fake.chat(alice.id).draft).toMatchObject({
      draftId: 7,
      html: '<i>Think</i>',
      updates: 2,
    })
    await send({ text: 'Done' })
    expect(fake.chat(alice.id).draft).toBeUndefined()
  })

  it('validates draft_id, text and chat', async () => {
    const zero = await callApi(fake, 'sendMessageDraft', {
      chat_id: alice.id,
      draft_id: 0,
      text: 'x',
    })
    expect(zero.body.description).toBe('Bad Request: draft_id must be non-zero')
    const empty = await callApi(fake, 'sendMessageDraft', {
      chat_id: alice.id,
      draft_id: 1,
      text: '',
    })
    expect(empty.body.description).toBe('Bad Request: message text is empty')
    const group = await callApi(fake, 'sendMessageDraft', { chat_id: -100, draft_id: 1, text: 'x' })
    expect(group.status).toBe(400)
  })

  it('records valid chat actions and rejects unknown ones', async () => {
    expect(
      (await callApi(fake, 'sendChatAction', { chat_id: alice.id, action: 'typing' })).body.ok,
    ).toBe(true)
    const bad = await callApi(fake, 'sendChatAction', { chat_id: alice.id, action: 'dancing' })
    expect(bad.body.description).toBe('Bad Request: wrong parameter action in request')
    expect(fake.chat(alice.id).actions).toEqual(['typing'])
  })
})
