import { afterEach, describe, expect, it } from 'vitest'
import { callApi } from './call-api.js'
import { FakeTelegramUsageError } from './errors.js'
import { type FakeTelegram, type FakeTelegramOptions, startFakeTelegram } from './fake-telegram.js'
import type { ForumTopic, Message, Update } from './types.js'

const alice = { id: 1001, first_name: 'Alice' }
let fake: FakeTelegram

async function start(options: FakeTelegramOptions = {}) {
  fake = await startFakeTelegram({ flood: { perChat: false, global: false }, ...options })
  fake.userSends(alice, 'hi')
}
afterEach(() => fake.close())

const api = <T = unknown>(method: string, params: Record<string, unknown> = {}) =>
  callApi<T>(fake, method, { chat_id: alice.id, ...params })

async function createTopic(name = 'alpha') {
  const { body } = await api<ForumTopic>('createForumTopic', { name })
  if (!body.ok || body.result === undefined) throw new Error(body.description)
  return body.result.message_thread_id
}

const badRequest = (description: string) => ({
  ok: false,
  error_code: 400,
  description: `Bad Request: ${description}`,
})

function documentForm(threadId: number): FormData {
  const form = new FormData()
  form.append('chat_id', String(alice.id))
  form.append('message_thread_id', String(threadId))
  form.append('document', new Blob(['data']), 'notes.txt')
  return form
}

describe('topic outage (tdlib/telegram-bot-api#847)', () => {
  it('fails every call with message_thread_id and createForumTopic while on', async () => {
    await start({ topics: { enabled: true } })
    const threadId = await createTopic()
    fake.setTopicOutage(true)
    const nope = badRequest('message thread not found')
    const inTopic = { message_thread_id: threadId }
    expect((await api('sendMessage', { ...inTopic, text: 'x' })).body).toEqual(nope)
    expect((await api('sendChatAction', { ...inTopic, action: 'typing' })).body).toEqual(nope)
    expect((await api('sendMessageDraft', { ...inTopic, draft_id: 1, text: 'x' })).body).toEqual(
      nope,
    )
    expect((await api('sendPhoto', { ...inTopic, photo: 'x' })).body).toEqual(nope)
    expect((await callApi(fake, 'sendDocument', documentForm(threadId))).body).toEqual(nope)
    for (const method of ['editForumTopic', 'closeForumTopic', 'deleteForumTopic']) {
      expect((await api(method, { ...inTopic, name: 'beta' })).body).toEqual(nope)
    }
    expect((await api('createForumTopic', { name: 'new' })).body).toEqual(
      badRequest('BOT_FORUM_CREATE_FORBIDDEN'),
    )
    // a simulated outage, not a rule the bot broke
    expect(fake.calls.filter((c) => !c.ok).every((c) => c.injected === true)).toBe(true)
    expect(fake.errors()).toEqual([])
    expect(fake.chat(alice.id).topics).toHaveLength(1) // nothing was deleted
  })

  it('keeps calls without message_thread_id working, and the user side too', async () => {
    await start({ topics: { enabled: true, usersCanCreate: true, outage: true } })
    expect((await api('sendMessage', { text: 'general' })).body.ok).toBe(true)
    expect((await api('sendMessageDraft', { draft_id: 2, text: 'x' })).body.ok).toBe(true)
    expect((await api('sendChatAction', { action: 'typing' })).body.ok).toBe(true)
    // users still create topics; the bot just cannot address them
    const own = fake.userCreatesTopic(alice, 'Mine').message?.message_thread_id
    expect((await api('sendMessage', { message_thread_id: own, text: 'x' })).body.ok).toBe(false)
    fake.setTopicOutage(false)
    const threadId = await createTopic()
    fake.setTopicOutage(true)
    // incoming topic messages still carry their thread (as seen in #847)
    expect(fake.userSends(alice, 'in topic', { threadId }).message?.message_thread_id).toBe(
      threadId,
    )
    const sent = await api<Message>('sendMessage', { text: 'general again' })
    const edit = await api('editMessageText', {
      message_id: sent.body.result?.message_id,
      text: 'edited',
    })
    expect(edit.body.ok).toBe(true)
  })

  it('recovers when switched off', async () => {
    await start({ topics: { enabled: true } })
    const threadId = await createTopic()
    fake.setTopicOutage(true)
    expect((await api('sendMessage', { message_thread_id: threadId, text: 'x' })).body.ok).toBe(
      false,
    )
    fake.setTopicOutage(false)
    expect((await api('sendMessage', { message_thread_id: threadId, text: 'x' })).body.ok).toBe(
      true,
    )
    expect((await api('createForumTopic', { name: 'again' })).body.ok).toBe(true)
  })

  it('still answers the usual errors first (malformed thread id, topics off)', async () => {
    await start({ topics: { enabled: false, outage: true } })
    expect((await api('sendMessage', { message_thread_id: 'x', text: 'x' })).body).toEqual(
      badRequest('wrong message_thread_id specified'),
    )
    expect((await api('createForumTopic', { name: 'x' })).body).toEqual(
      badRequest('the chat is not a forum'),
    )
  })
})

describe('userDeletesTopic', () => {
  it('removes the topic and its messages, with no update for the bot', async () => {
    await start({ topics: { enabled: true, usersCanCreate: true } })
    const threadId = await createTopic()
    await api('sendMessage', { message_thread_id: threadId, text: 'inside' })
    await api('sendMessageDraft', { message_thread_id: threadId, draft_id: 4, text: 'typing' })
    await api('sendMessage', { text: 'outside' })
    const pendingBefore = await callApi<Update[]>(fake, 'getUpdates', { timeout: 0 })
    const lastId = pendingBefore.body.result?.at(-1)?.update_id ?? 0
    fake.userDeletesTopic(alice.id, threadId)
    expect(fake.chat(alice.id).topics).toEqual([])
    expect(fake.chat(alice.id, threadId).messages).toEqual([])
    expect(fake.chat(alice.id, threadId).draft).toBeUndefined()
    expect(fake.chat(alice.id).botMessages.map((m) => m.text)).toEqual(['outside'])
    const polled = await callApi<Update[]>(fake, 'getUpdates', { timeout: 0, offset: lastId + 1 })
    expect(polled.body.result).toEqual([])
    expect((await api('sendMessage', { message_thread_id: threadId, text: 'x' })).body).toEqual(
      badRequest('message thread not found'),
    )
    expect(
      (await api('sendMessageDraft', { message_thread_id: threadId, draft_id: 5, text: 'x' })).body,
    ).toEqual(badRequest('message thread not found'))
    expect(() => fake.userSends(alice, 'x', { threadId })).toThrow(FakeTelegramUsageError)
  })

  it('deletes a topic the user created, and a closed one', async () => {
    await start({ topics: { enabled: true, usersCanCreate: true } })
    const own = fake.userCreatesTopic(alice, 'Mine').message?.message_thread_id ?? 0
    const closed = await createTopic('closed')
    await api('closeForumTopic', { message_thread_id: closed })
    fake.userDeletesTopic(alice.id, own)
    fake.userDeletesTopic(alice.id, closed)
    expect(fake.chat(alice.id).topics).toEqual([])
  })

  it('throws when users may not delete topics, or there is no such topic', async () => {
    await start({ topics: { enabled: true } })
    const threadId = await createTopic()
    expect(() => fake.userDeletesTopic(alice.id, threadId)).toThrow(/usersCanCreate/)
    await fake.close()
    await start({ topics: { enabled: true, usersCanCreate: true } })
    expect(() => fake.userDeletesTopic(alice.id, 999)).toThrow(FakeTelegramUsageError)
    expect(() => fake.userDeletesTopic(4242, 1)).toThrow(FakeTelegramUsageError)
  })
})

describe('user messages inside a topic', () => {
  it('carry the topic creation message as reply_to_message (the topic name)', async () => {
    await start({ topics: { enabled: true, usersCanCreate: true } })
    const threadId = await createTopic('Research')
    const message = fake.userSends(alice, 'hello', { threadId }).message
    expect(message?.reply_to_message).toMatchObject({
      message_id: threadId,
      message_thread_id: threadId,
      is_topic_message: true,
      forum_topic_created: { name: 'Research', icon_color: 7322096 },
    })
    const own = fake.userCreatesTopic(alice, 'Mine', 16478047).message?.message_thread_id ?? 0
    expect(
      fake.userSends(alice, 'x', { threadId: own }).message?.reply_to_message?.forum_topic_created,
    ).toEqual({ name: 'Mine', icon_color: 16478047 })
    expect(fake.userSends(alice, 'general').message).not.toHaveProperty('reply_to_message')
  })

  it('keeps an explicit reply as reply_to_message, without nesting', async () => {
    await start({ topics: { enabled: true } })
    const threadId = await createTopic()
    const first = fake.userSends(alice, 'first', { threadId }).message
    const reply = fake.userSends(alice, 'second', {
      threadId,
      replyTo: first?.message_id ?? 0,
    }).message
    expect(reply?.reply_to_message?.message_id).toBe(first?.message_id)
    expect(reply?.reply_to_message).not.toHaveProperty('reply_to_message')
    expect(reply?.message_thread_id).toBe(threadId)
  })

  it('puts documents, photos and albums in the topic too', async () => {
    await start({ topics: { enabled: true } })
    const threadId = await createTopic('Files')
    const place = { threadId }
    const doc = fake.userSendsDocument(alice, { name: 'a.txt', content: 'a' }, 'cap', place)
    const photo = fake.userSendsPhoto(alice, Buffer.from('jpg'), undefined, place)
    const album = fake.userSendsMediaGroup(
      alice,
      [
        { name: 'b.txt', content: 'b' },
        { name: 'c.txt', content: 'c' },
      ],
      undefined,
      place,
    )
    for (const update of [doc, photo, ...album]) {
      expect(update.message).toMatchObject({
        message_thread_id: threadId,
        is_topic_message: true,
        reply_to_message: { forum_topic_created: { name: 'Files' } },
      })
    }
    expect(() => fake.userSendsPhoto(alice, Buffer.from('x'), undefined, { threadId: 99 })).toThrow(
      FakeTelegramUsageError,
    )
  })
})
