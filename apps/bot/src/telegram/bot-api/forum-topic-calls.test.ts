import { describe, expect, it } from 'vitest'
import { BotApiReplyError, BotApiRequestError } from './errors.js'
import { TopicIconColors } from './forum-topic.js'
import {
  closeForumTopic,
  createForumTopic,
  editForumTopic,
  reopenForumTopic,
} from './forum-topic-calls.js'
import { fakeOutbox } from './testing/fake-outbox.js'

const topic = { message_thread_id: 7, name: 'api', icon_color: TopicIconColors.green }

describe('createForumTopic', () => {
  it('sends snake_case fields and resolves with the parsed topic', async () => {
    const { outbox, calls } = fakeOutbox(() => topic)
    const created = await createForumTopic(outbox, {
      chatId: 42,
      name: 'api',
      iconColor: TopicIconColors.green,
    })
    expect(created).toEqual(topic)
    expect(calls).toEqual([
      {
        method: 'createForumTopic',
        payload: { chat_id: 42, name: 'api', icon_color: 0x8eee98 },
        options: undefined,
      },
    ])
  })

  it('omits icon_color when none is given', async () => {
    const { outbox, calls } = fakeOutbox(() => topic)
    await createForumTopic(outbox, { chatId: 42, name: 'api' })
    expect(calls[0]?.payload).toEqual({ chat_id: 42, name: 'api' })
  })

  it.each([
    [{ chatId: 42, name: '' }, 'name'],
    [{ chatId: 42, name: 'x'.repeat(129) }, 'name'],
    [{ chatId: 42, name: 'ok', iconColor: 0x123456 }, 'iconColor'],
  ])('refuses %o before sending (%s)', async (input, field) => {
    const { outbox, calls } = fakeOutbox(() => topic)
    const error = await createForumTopic(outbox, input as never).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(BotApiRequestError)
    expect(error).toMatchObject({ code: 'BOT_API_INVALID_REQUEST', method: 'createForumTopic' })
    expect((error as BotApiRequestError).issues.join()).toContain(field)
    expect(calls).toHaveLength(0)
  })

  it('accepts a 128-character name', async () => {
    const { outbox } = fakeOutbox(() => topic)
    await expect(createForumTopic(outbox, { chatId: 42, name: 'x'.repeat(128) })).resolves.toEqual(
      topic,
    )
  })

  it('turns a reply of another shape into BotApiReplyError, keeping Telegram out of the message', async () => {
    const { outbox } = fakeOutbox(() => ({ message_thread_id: '7', name: 'secret reply' }))
    const error = await createForumTopic(outbox, { chatId: 42, name: 'api' }).catch(
      (e: unknown) => e,
    )
    expect(error).toBeInstanceOf(BotApiReplyError)
    expect(error).toMatchObject({ code: 'BOT_API_UNEXPECTED_REPLY', method: 'createForumTopic' })
    expect((error as Error).message).not.toContain('secret')
    expect((error as BotApiReplyError).issues.join()).toContain('message_thread_id')
  })
})

describe('editForumTopic / closeForumTopic / reopenForumTopic', () => {
  it('address the topic by message_thread_id and expect true', async () => {
    const { outbox, calls } = fakeOutbox()
    await editForumTopic(outbox, { chatId: 42, threadId: 7, name: 'renamed' })
    await closeForumTopic(outbox, { chatId: 42, threadId: 7 })
    await reopenForumTopic(outbox, { chatId: 42, threadId: 7 })
    expect(calls.map((c) => [c.method, c.payload])).toEqual([
      ['editForumTopic', { chat_id: 42, message_thread_id: 7, name: 'renamed' }],
      ['closeForumTopic', { chat_id: 42, message_thread_id: 7 }],
      ['reopenForumTopic', { chat_id: 42, message_thread_id: 7 }],
    ])
  })

  it('refuse a missing or non-positive thread id', async () => {
    const { outbox, calls } = fakeOutbox()
    await expect(closeForumTopic(outbox, { chatId: 42, threadId: 0 })).rejects.toBeInstanceOf(
      BotApiRequestError,
    )
    await expect(
      editForumTopic(outbox, { chatId: 42, threadId: 7, name: '' }),
    ).rejects.toBeInstanceOf(BotApiRequestError)
    expect(calls).toHaveLength(0)
  })

  it('reject a reply other than true', async () => {
    const { outbox } = fakeOutbox(() => ({ ok: true }))
    await expect(reopenForumTopic(outbox, { chatId: 42, threadId: 7 })).rejects.toBeInstanceOf(
      BotApiReplyError,
    )
  })
})
