import { afterEach, describe, expect, it } from 'vitest'
import { callApi } from './call-api.js'
import { FakeTelegramUsageError } from './errors.js'
import { type FakeTelegram, type FakeTelegramOptions, startFakeTelegram } from './fake-telegram.js'
import type { ForumTopic, Update } from './types.js'

const alice = { id: 1001, first_name: 'Alice' }
let fake: FakeTelegram

async function start(options: FakeTelegramOptions = {}) {
  fake = await startFakeTelegram({ flood: { perChat: false, global: false }, ...options })
  fake.userSends(alice, 'hi')
}
afterEach(() => fake.close())

const api = <T = unknown>(method: string, params: Record<string, unknown> = {}) =>
  callApi<T>(fake, method, { chat_id: alice.id, ...params })

async function createTopic(name = 'alpha', extra: Record<string, unknown> = {}) {
  const { body } = await api<ForumTopic>('createForumTopic', { name, ...extra })
  if (!body.ok || body.result === undefined) throw new Error(body.description)
  return body.result
}

const badRequest = (description: string) => ({
  ok: false,
  error_code: 400,
  description: `Bad Request: ${description}`,
})

describe('getMe and Threaded Mode', () => {
  it('reports topics off by default', async () => {
    await start()
    expect((await callApi(fake, 'getMe')).body).toMatchObject({
      result: { has_topics_enabled: false, allows_users_to_create_topics: false },
    })
  })

  it('reports has_topics_enabled and allows_users_to_create_topics', async () => {
    await start({ topics: { enabled: true, usersCanCreate: true } })
    expect((await callApi(fake, 'getMe')).body).toMatchObject({
      result: { has_topics_enabled: true, allows_users_to_create_topics: true },
    })
  })
})

describe('createForumTopic and friends in a private chat', () => {
  it('creates a topic and returns a ForumTopic', async () => {
    await start({ topics: { enabled: true } })
    const topic = await createTopic('  alpha  ', { icon_color: 0xff93b2 })
    expect(topic).toEqual({
      message_thread_id: expect.any(Number),
      name: 'alpha',
      icon_color: 16749490,
    })
    const view = fake.chat(alice.id)
    expect(view.topics).toMatchObject([{ threadId: topic.message_thread_id, name: 'alpha' }])
    expect(view.botMessages.map((m) => m.text)).toEqual([]) // the service message is no bot message
    expect(fake.chat(alice.id, topic.message_thread_id).messages[0]?.raw).toMatchObject({
      forum_topic_created: { name: 'alpha', icon_color: 16749490 },
      is_topic_message: true,
    })
  })

  it('refuses topics when Threaded Mode is off', async () => {
    await start()
    expect((await api('createForumTopic', { name: 'x' })).body).toEqual(
      badRequest('the chat is not a forum'),
    )
  })

  it('checks the name (1-128) and the six icon colours', async () => {
    await start({ topics: { enabled: true } })
    expect((await api('createForumTopic', { name: '   ' })).body).toEqual(
      badRequest('TOPIC_NAME_EMPTY'),
    )
    expect((await api('createForumTopic', {})).body).toEqual(badRequest('name is empty'))
    expect((await api('createForumTopic', { name: 'x'.repeat(129) })).body).toEqual(
      badRequest('TOPIC_NAME_TOO_LONG'),
    )
    expect((await api('createForumTopic', { name: 'x'.repeat(128) })).body.ok).toBe(true)
    expect((await api('createForumTopic', { name: 'x', icon_color: 0x123456 })).body).toEqual(
      badRequest('TOPIC_ICON_COLOR_INVALID'),
    )
    expect((await api('createForumTopic', { name: 'x', chat_id: 999 })).body).toEqual(
      badRequest('chat not found'),
    )
  })

  it('edits, closes, reopens and deletes a topic', async () => {
    await start({ topics: { enabled: true } })
    const { message_thread_id } = await createTopic()
    expect((await api('editForumTopic', { message_thread_id, name: 'beta' })).body.ok).toBe(true)
    expect((await api('editForumTopic', { message_thread_id, name: 'beta' })).body).toEqual(
      badRequest('TOPIC_NOT_MODIFIED'),
    )
    expect(fake.chat(alice.id).topics[0]?.name).toBe('beta')
    expect((await api('closeForumTopic', { message_thread_id })).body.ok).toBe(true)
    expect((await api('sendMessage', { message_thread_id, text: 'x' })).body).toEqual(
      badRequest('TOPIC_CLOSED'),
    )
    expect((await api('closeForumTopic', { message_thread_id })).body).toEqual(
      badRequest('TOPIC_NOT_MODIFIED'),
    )
    expect((await api('reopenForumTopic', { message_thread_id })).body.ok).toBe(true)
    expect((await api('sendMessage', { message_thread_id, text: 'x' })).body.ok).toBe(true)
    expect((await api('deleteForumTopic', { message_thread_id })).body.ok).toBe(true)
    expect(fake.chat(alice.id).topics).toEqual([])
    expect(fake.chat(alice.id, message_thread_id).messages).toEqual([])
    for (const method of ['editForumTopic', 'closeForumTopic', 'deleteForumTopic']) {
      expect((await api(method, { message_thread_id, name: 'z' })).body).toEqual(
        badRequest('message thread not found'),
      )
    }
  })

  it('fails createForumTopic with BOT_FORUM_CREATE_FORBIDDEN on demand (issue 847)', async () => {
    await start({ topics: { enabled: true } })
    fake.failNext('createForumTopic', {
      status: 400,
      description: 'Bad Request: BOT_FORUM_CREATE_FORBIDDEN',
    })
    expect((await api('createForumTopic', { name: 'x' })).body).toEqual(
      badRequest('BOT_FORUM_CREATE_FORBIDDEN'),
    )
    expect(fake.calls.at(-1)).toMatchObject({ method: 'createForumTopic', injected: true })
    expect(fake.errors()).toEqual([])
    expect((await api('createForumTopic', { name: 'x' })).body.ok).toBe(true)
  })
})

describe('message_thread_id', () => {
  it('puts messages in their topic and filters the chat view by thread', async () => {
    await start({ topics: { enabled: true } })
    const a = (await createTopic('a')).message_thread_id
    const b = (await createTopic('b')).message_thread_id
    const sent = await api('sendMessage', { message_thread_id: a, text: 'in a' })
    expect(sent.body).toMatchObject({
      ok: true,
      result: { message_thread_id: a, is_topic_message: true },
    })
    await api('sendMessage', { text: 'general' })
    const form = new FormData()
    form.append('chat_id', String(alice.id))
    form.append('message_thread_id', String(b))
    form.append('document', new Blob(['data']), 'notes.txt')
    const doc = await callApi(fake, 'sendDocument', form)
    expect(doc.body).toMatchObject({ ok: true, result: { message_thread_id: b } })
    expect(fake.chat(alice.id, a).botMessages.map((m) => m.text)).toEqual(['in a'])
    expect(fake.chat(alice.id).botMessages.map((m) => m.text)).toEqual(['in a', 'general', ''])
    expect(fake.chat(alice.id).lastBotMessage?.threadId).toBe(b)
  })

  it('rejects an unknown thread on every method, also when topics are off', async () => {
    await start({ topics: { enabled: true } })
    const nope = badRequest('message thread not found')
    expect((await api('sendMessage', { message_thread_id: 42, text: 'x' })).body).toEqual(nope)
    expect((await api('sendChatAction', { message_thread_id: 42, action: 'typing' })).body).toEqual(
      nope,
    )
    expect(
      (await api('sendMessageDraft', { message_thread_id: 42, draft_id: 1, text: 'x' })).body,
    ).toEqual(nope)
    expect((await api('sendPhoto', { message_thread_id: 42, photo: 'x' })).body).toEqual(nope)
    await fake.close()
    await start()
    expect((await api('sendMessage', { message_thread_id: 1, text: 'x' })).body).toEqual(nope)
  })

  it('lets a user write inside a topic', async () => {
    await start({ topics: { enabled: true } })
    const { message_thread_id } = await createTopic()
    const update = fake.userSends(alice, 'hello', { threadId: message_thread_id })
    expect(update.message).toMatchObject({ message_thread_id, is_topic_message: true })
    expect(() => fake.userSends(alice, 'x', { threadId: 999 })).toThrow(FakeTelegramUsageError)
  })
})

describe('user-created topics', () => {
  it('sends a forum_topic_created message for the new topic', async () => {
    await start({ topics: { enabled: true, usersCanCreate: true } })
    const update = fake.userCreatesTopic(alice, 'Research')
    const threadId = update.message?.message_thread_id
    expect(update.message).toMatchObject({
      message_id: threadId,
      from: { id: alice.id },
      is_topic_message: true,
      forum_topic_created: { name: 'Research', icon_color: 7322096 },
    })
    expect(fake.chat(alice.id).topics).toMatchObject([{ threadId, createdByUser: true }])
    expect((await api('sendMessage', { message_thread_id: threadId, text: 'ok' })).body.ok).toBe(
      true,
    )
    const polled = await callApi<Update[]>(fake, 'getUpdates', { timeout: 0 })
    expect((polled.body.result ?? []).some((u) => u.update_id === update.update_id)).toBe(true)
  })

  it('throws unless the bot lets users create topics', async () => {
    await start({ topics: { enabled: true } })
    expect(() => fake.userCreatesTopic(alice, 'x')).toThrow(FakeTelegramUsageError)
  })
})

describe('drafts with can_stop and the Stop button', () => {
  it('records can_stop / keep_on_stop and the thread of a draft', async () => {
    await start({ topics: { enabled: true } })
    const { message_thread_id } = await createTopic()
    await api('sendMessageDraft', {
      message_thread_id,
      draft_id: 5,
      text: 'Thinking',
      can_stop: true,
      keep_on_stop: true,
    })
    expect(fake.chat(alice.id).draft).toBeUndefined() // the general view has no draft
    expect(fake.chat(alice.id, message_thread_id).draft).toMatchObject({
      draftId: 5,
      text: 'Thinking',
      threadId: message_thread_id,
      canStop: true,
      keepOnStop: true,
    })
    await api('sendMessage', { message_thread_id, text: 'done' })
    expect(fake.chat(alice.id, message_thread_id).draft).toBeUndefined()
  })

  it('sends stopped_message_generation when allowed_updates asks for it', async () => {
    await start({ topics: { enabled: true } })
    const { message_thread_id } = await createTopic()
    await callApi(fake, 'getUpdates', {
      timeout: 0,
      offset: -1,
      allowed_updates: ['message', 'stopped_message_generation'],
    })
    await api('sendMessageDraft', { message_thread_id, draft_id: 9, text: 'x', can_stop: true })
    const update = fake.userStopsGeneration(alice, {
      chatId: alice.id,
      threadId: message_thread_id,
      draftId: 9,
    })
    expect(update.stopped_message_generation).toEqual({
      chat: { id: alice.id, type: 'private', first_name: 'Alice' },
      message_thread_id,
      draft_id: 9,
    })
    expect(fake.chat(alice.id, message_thread_id).draft).toBeUndefined() // no keep_on_stop
    const polled = await callApi<Update[]>(fake, 'getUpdates', { timeout: 0 })
    expect((polled.body.result ?? []).at(-1)).toEqual(update)
  })

  it('does not deliver it by default (not in allowed_updates)', async () => {
    await start()
    await callApi(fake, 'getUpdates', { timeout: 0, allowed_updates: ['message'] })
    await api('sendMessageDraft', { draft_id: 3, text: 'x', can_stop: true, keep_on_stop: true })
    const update = fake.userStopsGeneration(alice, { chatId: alice.id, draftId: 3 })
    expect(update.stopped_message_generation).not.toHaveProperty('message_thread_id')
    expect(fake.chat(alice.id).draft?.draftId).toBe(3) // keep_on_stop
    const polled = await callApi<Update[]>(fake, 'getUpdates', { timeout: 0 })
    expect((polled.body.result ?? []).some((u) => u.update_id === update.update_id)).toBe(false)
  })

  it('throws for a draft that does not exist or has no Stop button', async () => {
    await start()
    await api('sendMessageDraft', { draft_id: 3, text: 'x' })
    expect(() => fake.userStopsGeneration(alice, { chatId: alice.id, draftId: 3 })).toThrow(
      /without can_stop/,
    )
    expect(() => fake.userStopsGeneration(alice, { chatId: alice.id, draftId: 4 })).toThrow(
      FakeTelegramUsageError,
    )
  })
})
