import type { SessionManager, SessionMetadata } from '@switchboard/core'
import { describe, expect, it, vi } from 'vitest'
import { sessionMeta, silentLogger } from '../conversation/testing/fakes.js'
import type { SessionTopicsApi } from './session-topics-api.js'
import { createTopicResolver } from './topic-resolver.js'

const USER = 42
const OWNER = String(USER)

function setup(
  options: { active?: boolean; bound?: Record<number, string>; activeId?: string } = {},
) {
  const metas = new Map<string, SessionMetadata>([
    ['s-main', sessionMeta({ id: 's-main', name: 'main', owner: OWNER })],
    ['s-r', sessionMeta({ id: 's-r', name: 'research', owner: OWNER })],
  ])
  const sessions = {
    active: async () => metas.get(options.activeId ?? 's-main') ?? null,
    getById: async (_owner: string, id: string) => {
      const meta = metas.get(id)
      if (!meta) throw Object.assign(new Error('gone'), { code: 'SESSION_NOT_FOUND' })
      return meta
    },
  } as unknown as SessionManager
  const threads = new Map<string, number>()
  const topics = {
    active: options.active ?? true,
    usersCanCreate: true,
    userWrote: vi.fn(
      async (_owner: string, _chat: number, thread: number) => options.bound?.[thread],
    ),
    threadOf: (meta: SessionMetadata) => threads.get(meta.id),
    ensureTopic: vi.fn(async (meta: SessionMetadata) => {
      await new Promise((resolve) => setTimeout(resolve, 5)) // Telegram takes a moment
      threads.set(meta.id, 90)
      return 90
    }),
  } as unknown as SessionTopicsApi & { ensureTopic: ReturnType<typeof vi.fn> }
  const made = sessionMeta({ id: 's-new', name: 'new-topic', owner: OWNER })
  const maker = { sessionFor: vi.fn(async () => ({ meta: made, created: true })) }
  const sent: Record<string, unknown>[] = []
  const outbox = {
    call: async <T>(_method: string, payload: Record<string, unknown>) => {
      sent.push(payload)
      return { message_id: 1 } as T
    },
  }
  const names = new Map<number, string>([[77, 'Seen Name']])
  const resolve = createTopicResolver(
    { sessions, topics, maker, outbox, logger: silentLogger },
    (source) => (source.threadId === undefined ? undefined : names.get(source.threadId)),
    (source) => source.threadId === 79, // topic 79 was made by the bot
  )
  return { resolve, topics, maker, sent, threads }
}

const source = (threadId?: number) => ({
  userId: USER,
  chatId: USER,
  messageId: 5,
  ...(threadId === undefined ? {} : { threadId }),
})

describe('createTopicResolver', () => {
  it('a message in a bound topic runs in its session and answers in the topic', async () => {
    const { resolve, topics, maker } = setup({ bound: { 7: 's-r' } })
    const resolved = await resolve(source(7))
    expect(resolved).toMatchObject({
      meta: { id: 's-r' },
      created: false,
      place: { chatId: USER, threadId: 7 },
    })
    expect(topics.userWrote).toHaveBeenCalledWith(OWNER, USER, 7)
    expect(maker.sessionFor).not.toHaveBeenCalled()
  })

  it('while the flat chat is in force it still runs there but answers outside the topic', async () => {
    const { resolve } = setup({ bound: { 7: 's-r' }, active: false })
    expect((await resolve(source(7))).place).toEqual({ chatId: USER })
  })

  it('a topic the bot does not know becomes a session named after it', async () => {
    const { resolve, maker } = setup()
    expect(await resolve(source(77))).toMatchObject({
      meta: { id: 's-new' },
      created: true,
      place: { threadId: 77 },
    })
    expect(maker.sessionFor).toHaveBeenCalledWith(OWNER, USER, 77, 'Seen Name', false)
    await resolve(source(78))
    expect(maker.sessionFor).toHaveBeenLastCalledWith(OWNER, USER, 78, 'topic-78', false)
  })

  it('tells the maker when the bot made the unknown topic (so it can take its session back)', async () => {
    const { resolve, maker } = setup()
    await resolve(source(79))
    expect(maker.sessionFor).toHaveBeenLastCalledWith(OWNER, USER, 79, 'topic-79', true)
  })

  it('a topic whose session is gone gets a new one', async () => {
    const { resolve, maker } = setup({ bound: { 7: 's-deleted' } })
    expect((await resolve(source(7))).meta.id).toBe('s-new')
    expect(maker.sessionFor).toHaveBeenCalledTimes(1)
  })

  it('the general view: the active session answering there; it gets a topic, said once', async () => {
    const { resolve, topics, sent } = setup()
    const resolved = await resolve(source())
    expect(resolved).toMatchObject({
      meta: { id: 's-main' },
      created: false,
      place: { chatId: USER },
    })
    expect(resolved.place.threadId).toBeUndefined()
    await vi.waitFor(() => expect(sent).toHaveLength(1))
    expect(sent[0]).toEqual({
      chat_id: USER,
      text: 'Session main now has its own topic: your messages there go to it. This answer stays here.',
    })
    await resolve(source())
    expect(topics.ensureTopic).toHaveBeenCalledTimes(1)
    expect(sent).toHaveLength(1)
  })

  it('two quick messages in the general view announce the new topic once', async () => {
    const { resolve, topics, sent } = setup()
    await Promise.all([resolve(source()), resolve(source())])
    await vi.waitFor(() => expect(sent).toHaveLength(1))
    await new Promise((r) => setTimeout(r, 10))
    expect(sent).toHaveLength(1)
    expect(topics.ensureTopic).toHaveBeenCalledTimes(1)
  })

  it('the general view with topics off: as before, no topic', async () => {
    const { resolve, topics } = setup({ active: false })
    expect((await resolve(source())).meta.id).toBe('s-main')
    expect(topics.ensureTopic).not.toHaveBeenCalled()
  })
})
