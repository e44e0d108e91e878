import { afterEach, describe, expect, it } from 'vitest'
import { callApi } from './call-api.js'
import { type FakeTelegram, startFakeTelegram } from './fake-telegram.js'
import { DEFAULT_FLOOD } from './flood-control.js'
import type { ForumTopic, Message } from './types.js'
import type { VisibleEvent } from './visible-log.js'

const alice = { id: 1001, first_name: 'Alice' }
let fake: FakeTelegram
let now = 1_000_000
afterEach(() => fake.close())

async function start(options: Parameters<typeof startFakeTelegram>[0] = {}) {
  now = 1_000_000
  fake = await startFakeTelegram({ now: () => now, topics: { enabled: true }, ...options })
  fake.userSends(alice, 'hi')
}

const api = <T = unknown>(method: string, params: Record<string, unknown> = {}) =>
  callApi<T>(fake, method, { chat_id: alice.id, ...params })

async function createTopic(name: string) {
  const { body } = await api<ForumTopic>('createForumTopic', { name })
  if (!body.ok || body.result === undefined) throw new Error(body.description)
  return body.result.message_thread_id
}

describe('visible timeline', () => {
  it('records drafts, messages, captions and edits with the fake clock', async () => {
    await start()
    const threadId = await createTopic('a')
    const seen: VisibleEvent[] = []
    const stop = fake.onVisible((e) => seen.push(e))
    now += 10
    await api('sendMessageDraft', {
      message_thread_id: threadId,
      draft_id: 3,
      text: '<b>Hi</b>',
      parse_mode: 'HTML',
    })
    now += 10
    const sent = await api<Message>('sendMessage', { message_thread_id: threadId, text: 'Hi all' })
    now += 10
    await api('editMessageText', { message_id: sent.body.result?.message_id, text: 'Hi all!' })
    const form = new FormData()
    form.append('chat_id', String(alice.id))
    form.append('caption', 'the file')
    form.append('document', new Blob(['data']), 'notes.txt')
    await callApi(fake, 'sendDocument', form)
    const messageId = sent.body.result?.message_id
    const expected = [
      { at: 1_000_010, chatId: alice.id, threadId, kind: 'draft', text: 'Hi', draftId: 3 },
      { at: 1_000_020, chatId: alice.id, threadId, kind: 'message', text: 'Hi all', messageId },
      { at: 1_000_030, chatId: alice.id, threadId, kind: 'edit', text: 'Hi all!', messageId },
      {
        at: 1_000_030,
        chatId: alice.id,
        kind: 'message',
        text: 'the file',
        messageId: expect.any(Number),
      },
    ]
    expect(fake.visibleEvents()).toEqual(expected)
    expect(seen).toEqual(expected)
    stop()
    await api('sendMessage', { text: 'later' })
    expect(seen).toHaveLength(4)
    expect(fake.visibleEvents()).toHaveLength(5)
  })

  it('leaves out rejected calls, service messages and chat actions', async () => {
    await start()
    await createTopic('b') // a service message, not a visible send
    await api('sendMessage', { text: '' })
    await api('sendMessageDraft', { draft_id: 0, text: 'x' })
    await api('sendChatAction', { action: 'typing' })
    expect(fake.visibleEvents()).toEqual([])
  })

  it('runs listeners before the bot gets its answer', async () => {
    await start()
    let callsWhenSeen = -1
    fake.onVisible(() => {
      callsWhenSeen = fake.callCount('sendMessage')
    })
    await api('sendMessage', { text: 'x' })
    expect(callsWhenSeen).toBe(0) // the call is recorded once answered
  })
})

describe('call counts', () => {
  it('counts calls and 429s per method, case-insensitively', async () => {
    await start({ flood: { perChat: { limit: 2, windowMs: 10_000 } } })
    for (let n = 0; n < 3; n++) await api('sendMessage', { text: `m${n}` })
    await api('sendMessageDraft', { draft_id: 1, text: 'd' })
    fake.failNext('sendMessageDraft', { status: 429, retryAfter: 2 })
    await api('sendMessageDraft', { draft_id: 1, text: 'd2' })
    expect(fake.callCount('sendMessage')).toBe(3)
    expect(fake.callCount('SENDMESSAGE')).toBe(3)
    expect(fake.callCount('editMessageText')).toBe(0)
    expect(fake.floodCount('sendMessage')).toBe(1)
    expect(fake.floodCount('sendMessageDraft')).toBe(1) // injected 429s count: the bot saw them
    expect(fake.floodCount()).toBe(2)
    expect(fake.callStats()).toMatchObject({
      sendMessage: { calls: 3, ok: 2, errors: 1, floods: 1 },
      sendMessageDraft: { calls: 2, ok: 1, errors: 1, floods: 1 },
    })
  })
})

describe('draft flood control', () => {
  it('defaults to 20 drafts per 20 s per chat', () => {
    expect(DEFAULT_FLOOD.drafts).toEqual({ limit: 20, windowMs: 20_000 })
  })

  it('shares one budget among all topics of a chat', async () => {
    await start({ flood: { drafts: { limit: 4, windowMs: 10_000 }, perChat: false } })
    const a = await createTopic('a')
    const b = await createTopic('b')
    const statuses: number[] = []
    for (const [n, thread] of [a, b, a, undefined].entries()) {
      const res = await api('sendMessageDraft', {
        message_thread_id: thread,
        draft_id: n + 1,
        text: 'x',
      })
      statuses.push(res.status)
    }
    const fifth = await api('sendMessageDraft', { message_thread_id: b, draft_id: 9, text: 'x' })
    expect(statuses).toEqual([200, 200, 200, 200])
    expect(fifth.body).toEqual({
      ok: false,
      error_code: 429,
      description: 'Too Many Requests: retry after 10',
      parameters: { retry_after: 10 },
    })
    now += 10_000
    expect(
      (await api('sendMessageDraft', { message_thread_id: b, draft_id: 9, text: 'x' })).status,
    ).toBe(200)
  })

  it('does not spend the send budget, and sends do not spend the draft budget', async () => {
    await start({
      flood: { drafts: { limit: 2, windowMs: 10_000 }, perChat: { limit: 2, windowMs: 10_000 } },
    })
    await api('sendMessageDraft', { draft_id: 1, text: 'x' })
    await api('sendMessageDraft', { draft_id: 1, text: 'xy' })
    expect((await api('sendMessageDraft', { draft_id: 1, text: 'xyz' })).status).toBe(429)
    expect((await api('sendMessage', { text: 'one' })).status).toBe(200)
    expect((await api('sendMessage', { text: 'two' })).status).toBe(200)
    expect((await api('sendMessage', { text: 'three' })).status).toBe(429)
  })

  it('keeps each chat its own draft budget', async () => {
    await start({ flood: { drafts: { limit: 1, windowMs: 10_000 } } })
    const bob = { id: 2002, first_name: 'Bob' }
    fake.userSends(bob, 'hi')
    expect((await api('sendMessageDraft', { draft_id: 1, text: 'x' })).status).toBe(200)
    const other = await callApi(fake, 'sendMessageDraft', {
      chat_id: bob.id,
      draft_id: 1,
      text: 'x',
    })
    expect(other.status).toBe(200)
    expect((await api('sendMessageDraft', { draft_id: 1, text: 'y' })).status).toBe(429)
  })
})
