import type { Context } from 'telegraf'
import { describe, expect, it, vi } from 'vitest'
import { makeOutbox, sessionMeta, silentLogger } from '../conversation/testing/fakes.js'
import { SeenTopicNames } from './seen-topic-names.js'
import type { TopicSession } from './topic-session-maker.js'
import { createUserCreatedTopicHandler } from './user-created-topic.js'

const USER = { id: 42, is_bot: false, first_name: 'Ann' }

function setup(sessionFor: () => Promise<TopicSession>) {
  const { api, outbox } = makeOutbox()
  const maker = { sessionFor: vi.fn(sessionFor) }
  const topics = { userWrote: vi.fn(async () => undefined) }
  const handler = createUserCreatedTopicHandler({
    topics,
    maker,
    names: new SeenTopicNames(),
    outbox,
    logger: silentLogger,
  })
  const sent = () => api.calls.filter((c) => c.method === 'sendMessage').map((c) => c.payload)
  return { handler, maker, topics, sent }
}

function ctx(message: object, from = USER): Context {
  return { chat: { id: 42, type: 'private' }, from, message } as unknown as Context
}

const created = {
  message_id: 7,
  message_thread_id: 7,
  from: USER,
  forum_topic_created: { name: 'Ideas', icon_color: 0x6fb9f0 },
}

describe('the user-created topic handler', () => {
  it('makes a session for the topic and says so inside it; the update ends there', async () => {
    const meta = sessionMeta({ name: 'ideas', persona: 'default' })
    const { handler, maker, topics, sent } = setup(async () => ({ meta, created: true }))
    const next = vi.fn(async () => undefined)
    await handler(ctx(created), next)
    expect(next).not.toHaveBeenCalled()
    expect(topics.userWrote).toHaveBeenCalledWith('42', 42, 7)
    expect(maker.sessionFor).toHaveBeenCalledWith('42', 42, 7, 'Ideas')
    await vi.waitFor(() => expect(sent()).toHaveLength(1))
    expect(sent()[0]).toMatchObject({
      chat_id: 42,
      message_thread_id: 7,
      text: 'Session ideas created (persona default) — your messages here go to it. /persona <name> re-bases it.',
    })
  })

  it('passes other messages on, and ignores topics a bot made', async () => {
    const { handler, maker } = setup(async () => ({ meta: sessionMeta(), created: true }))
    const next = vi.fn(async () => undefined)
    await handler(ctx({ message_id: 9, text: 'hello' }), next)
    expect(next).toHaveBeenCalledTimes(1)
    await handler(ctx(created, { ...USER, is_bot: true }), next)
    expect(maker.sessionFor).not.toHaveBeenCalled()
  })

  it('says plainly when no session could be made', async () => {
    const limit = Object.assign(new Error('limit'), { code: 'SESSION_LIMIT', limit: 3 })
    const { handler, sent } = setup(() => Promise.reject(limit))
    await handler(ctx(created), async () => undefined)
    await vi.waitFor(() => expect(sent()).toHaveLength(1))
    expect(String(sent()[0]?.text)).toMatch(
      /^Could not create a session for this topic: you have as many sessions as allowed/,
    )
  })
})
