import type { SessionMetadata } from '@switchboard/core'
import { describe, expect, it } from 'vitest'
import { sessionMeta, silentLogger } from '../conversation/testing/fakes.js'
import { fakeOutbox, type OutboxCall } from '../telegram/bot-api/testing/fake-outbox.js'
import { telegramError } from '../telegram/testing/fake-call-api.js'
import { SessionTopics } from './session-topics.js'
import type { TopicBinding } from './topic-binding.js'
import { FALLBACK_RETRY_MS } from './topic-mode.js'

const CHAT = 42

function meta(id: string, name: string, topic: TopicBinding | null = null, persona = 'default') {
  return sessionMeta({ id, name, persona, owner: String(CHAT), schemaVersion: 2, topic })
}

function setup(answer?: (call: OutboxCall) => unknown, threaded = true) {
  let now = 1_000
  const stored = new Map<string, TopicBinding | null>()
  const { outbox, calls } = fakeOutbox(
    answer ?? ((call) => (call.method === 'createForumTopic' ? topicReply(90) : true)),
  )
  const store = {
    setTopic: async (_owner: string, id: string, topic: TopicBinding | null) => {
      stored.set(id, topic)
      return { ...meta(id, id), topic } as SessionMetadata
    },
  }
  const topics = new SessionTopics({ outbox, store, logger: silentLogger, now: () => now })
  topics.configure({ has_topics_enabled: threaded, allows_users_to_create_topics: true })
  const notices = () =>
    calls.filter((c) => c.method === 'sendMessage').map((c) => String(c.payload.text))
  return { topics, calls, stored, notices, advance: (ms: number) => (now += ms) }
}

/** Lets background writes (chained promises) finish. */
const settled = () => new Promise((resolve) => setTimeout(resolve, 0))

function topicReply(threadId: number) {
  return { message_thread_id: threadId, name: 'x', icon_color: 0x6fb9f0 }
}

const inTopic = (threadId: number, text = 'answer') => ({
  chat_id: CHAT,
  message_thread_id: threadId,
  text,
})

describe('SessionTopics', () => {
  it('loads the index from core’s metadata and answers both ways', () => {
    const { topics } = setup()
    const research = meta('s1', 'research', { chatId: CHAT, threadId: 7 })
    topics.load([research, meta('s2', 'main')])
    expect(topics.sessionIdFor(String(CHAT), CHAT, 7)).toBe('s1')
    expect(topics.sessionIdFor('other', CHAT, 7)).toBe(undefined)
    expect(topics.threadOf(research, CHAT)).toBe(7)
    expect(topics.threadOf(meta('s2', 'main'), CHAT)).toBe(undefined)
  })

  it('creates one topic per session (named after it, a colour per persona) and stores it', async () => {
    const { topics, calls, stored } = setup()
    const main = meta('s1', 'main')
    const [a, b] = await Promise.all([
      topics.ensureTopic(main, CHAT),
      topics.ensureTopic(main, CHAT),
    ])
    expect([a, b]).toEqual([90, 90])
    expect(calls.filter((c) => c.method === 'createForumTopic')).toEqual([
      expect.objectContaining({ payload: { chat_id: CHAT, name: 'main', icon_color: 0x6fb9f0 } }),
    ])
    expect(stored.get('s1')).toEqual({ chatId: CHAT, threadId: 90 })
    expect(topics.sessionIdFor(String(CHAT), CHAT, 90)).toBe('s1')
    expect(await topics.ensureTopic(main, CHAT)).toBe(90) // no second call
    expect(calls.filter((c) => c.method === 'createForumTopic')).toHaveLength(1)
  })

  it('does nothing with topics when the bot has no Threaded Mode', async () => {
    const { topics, calls } = setup(undefined, false)
    expect(topics.active).toBe(false)
    expect(await topics.ensureTopic(meta('s1', 'main'), CHAT)).toBe(undefined)
    await topics.renamed(meta('s1', 'main'))
    expect(calls).toEqual([])
  })

  it('falls back to the flat chat when Telegram refuses a topic, says so once, retries in an hour', async () => {
    const { topics, notices, advance } = setup((call) => {
      if (call.method === 'createForumTopic')
        throw telegramError(400, 'Bad Request: BOT_FORUM_CREATE_FORBIDDEN')
      return true
    })
    expect(await topics.ensureTopic(meta('s1', 'main'), CHAT)).toBe(undefined)
    expect(topics.active).toBe(false)
    expect(topics.fallback).toBe('create-refused')
    expect(await topics.ensureTopic(meta('s2', 'other'), CHAT)).toBe(undefined)
    expect(notices()).toHaveLength(1)
    expect(notices()[0]).toMatch(/refused to create a topic/)
    advance(FALLBACK_RETRY_MS)
    expect(topics.active).toBe(true)
  })

  it('a transient failure is not a fallback', async () => {
    const { topics, notices } = setup((call) => {
      if (call.method === 'createForumTopic') throw telegramError(500, 'Internal Server Error')
      return true
    })
    expect(await topics.ensureTopic(meta('s1', 'main'), CHAT)).toBe(undefined)
    expect(topics.active).toBe(true)
    expect(notices()).toEqual([])
  })

  it('a topic that worked and is gone: the answer is resent outside, labelled, and the session unbound', async () => {
    const { topics, stored, notices } = setup()
    topics.load([meta('s1', 'research', { chatId: CHAT, threadId: 7 })])
    expect(await topics.userWrote(String(CHAT), CHAT, 7)).toBe('s1')
    topics.delivered('sendChatAction', inTopic(7))
    const rescue = topics.lost('sendMessage', inTopic(7), 'not-found')
    expect(rescue).toEqual({ resend: { chat_id: CHAT, text: '[research] answer' } })
    expect(topics.sessionIdFor(String(CHAT), CHAT, 7)).toBe(undefined)
    await settled()
    expect(stored.get('s1')).toBe(null)
    expect(topics.active).toBe(true)
    // The labelled answer says enough: no notice. The rest of that answer is labelled too.
    expect(topics.lost('sendMessage', inTopic(7, 'part 2'), 'not-found')).toEqual({
      resend: { chat_id: CHAT, text: '[research] part 2' },
    })
    expect(notices()).toEqual([])
  })

  it('the user writing in a topic judged gone binds it again', async () => {
    const { topics, stored } = setup()
    topics.load([meta('s1', 'research', { chatId: CHAT, threadId: 7 })])
    topics.delivered('sendMessage', inTopic(7))
    topics.lost('sendMessage', inTopic(7), 'not-found')
    expect(await topics.userWrote(String(CHAT), CHAT, 7)).toBe('s1')
    await settled()
    expect(stored.get('s1')).toEqual({ chatId: CHAT, threadId: 7 })
    expect(topics.sessionIdFor(String(CHAT), CHAT, 7)).toBe('s1')
    // …and if it fails again, Telegram is the problem: the flat chat for now.
    topics.lost('sendMessage', inTopic(7), 'not-found')
    expect(topics.active).toBe(false)
    expect(topics.fallback).toBe('threads-failing')
  })

  it('topics failing one after another (issue 847): the flat chat, said once, bindings kept', async () => {
    const { topics, notices } = setup()
    topics.load([
      meta('s1', 'a', { chatId: CHAT, threadId: 7 }),
      meta('s2', 'b', { chatId: CHAT, threadId: 8 }),
    ])
    await topics.userWrote(String(CHAT), CHAT, 7)
    await topics.userWrote(String(CHAT), CHAT, 8)
    expect(topics.lost('sendMessage', inTopic(7), 'not-found')).toEqual({
      resend: { chat_id: CHAT, text: '[a] answer' },
    })
    // One failing topic looks deleted (it may have been, while the bot was down)…
    expect(topics.active).toBe(true)
    expect(topics.lost('sendMessage', inTopic(8), 'not-found')).toEqual({
      resend: { chat_id: CHAT, text: '[b] answer' },
    })
    // …a second one with no success in between is the outage, and the first one is bound again.
    expect(topics.active).toBe(false)
    expect(topics.sessionIdFor(String(CHAT), CHAT, 7)).toBe('s1')
    expect(topics.sessionIdFor(String(CHAT), CHAT, 8)).toBe('s2')
    topics.lost('sendMessage', inTopic(8, 'again'), 'not-found')
    expect(notices().filter((t) => /could not deliver to topics/.test(t))).toHaveLength(1)
  })

  it('an outage after a "deletion" binds that topic’s session again', async () => {
    const { topics, stored, notices } = setup()
    topics.load([
      meta('s1', 'a', { chatId: CHAT, threadId: 7 }),
      meta('s2', 'b', { chatId: CHAT, threadId: 8 }),
    ])
    topics.delivered('sendMessage', inTopic(7))
    topics.delivered('sendMessage', inTopic(8))
    topics.lost('sendChatAction', inTopic(7), 'not-found') // looks deleted…
    expect(topics.sessionIdFor(String(CHAT), CHAT, 7)).toBe(undefined)
    topics.lost('sendChatAction', inTopic(8), 'not-found') // …but the next topic fails too
    expect(topics.active).toBe(false)
    expect(topics.sessionIdFor(String(CHAT), CHAT, 7)).toBe('s1')
    await settled()
    expect(stored.get('s1')).toEqual({ chatId: CHAT, threadId: 7 })
    expect(notices()).toEqual([expect.stringMatching(/could not deliver to topics/)])
  })

  it('a thread no session is bound to: resent outside, unlabelled, nothing judged', () => {
    const { topics } = setup()
    expect(topics.lost('sendMessage', inTopic(5), 'not-found')).toEqual({
      resend: { chat_id: CHAT, text: 'answer' },
    })
    expect(topics.active).toBe(true)
  })

  it('a closed topic: resent outside, nothing judged', () => {
    const { topics } = setup()
    topics.load([meta('s1', 'a', { chatId: CHAT, threadId: 7 })])
    expect(topics.lost('sendMessage', inTopic(7), 'closed')).toEqual({
      resend: { chat_id: CHAT, text: '[a] answer' },
    })
    expect(topics.sessionIdFor(String(CHAT), CHAT, 7)).toBe('s1')
  })

  it('renames and closes the session’s topic', async () => {
    const { topics, calls } = setup()
    const research = meta('s1', 'research', { chatId: CHAT, threadId: 7 })
    topics.load([research])
    await topics.renamed({ ...research, name: 'study' })
    expect(topics.lost('sendMessage', inTopic(7), 'closed')).toEqual({
      resend: { chat_id: CHAT, text: '[study] answer' },
    })
    await topics.archived(research)
    expect(calls.map((c) => [c.method, c.payload])).toEqual([
      ['editForumTopic', { chat_id: CHAT, message_thread_id: 7, name: 'study' }],
      ['closeForumTopic', { chat_id: CHAT, message_thread_id: 7 }],
    ])
    expect(topics.sessionIdFor(String(CHAT), CHAT, 7)).toBe(undefined)
  })

  it('notes successful topic sends (a later failure there is a deletion)', () => {
    const { topics } = setup()
    topics.load([meta('s1', 'a', { chatId: CHAT, threadId: 7 })])
    topics.delivered('sendMessage', inTopic(7))
    topics.lost('sendMessage', inTopic(7), 'not-found')
    expect(topics.active).toBe(true)
    expect(topics.sessionIdFor(String(CHAT), CHAT, 7)).toBe(undefined)
  })

  it('a stale stored topic another session holds is neither renamed nor closed', async () => {
    const { topics, calls, stored } = setup()
    const holder = {
      ...meta('s2', 'a', { chatId: CHAT, threadId: 7 }),
      lastActiveAt: '2026-05-02T00:00:00.000Z',
    }
    // Both claim topic 7 on disk; the one used last keeps it, whatever order core lists them in.
    const stale = {
      ...meta('s1', 'b', { chatId: CHAT, threadId: 7 }),
      lastActiveAt: '2026-05-01T00:00:00.000Z',
    }
    topics.load([holder, stale])
    expect(topics.sessionIdFor(String(CHAT), CHAT, 7)).toBe('s2')
    await settled()
    expect(stored.get('s1')).toBeNull() // the stale claim is cleared
    expect(stored.has('s2')).toBe(false)
    await topics.renamed({ ...stale, name: 'c' })
    await topics.archived(stale)
    expect(calls).toEqual([])
    expect(topics.sessionIdFor(String(CHAT), CHAT, 7)).toBe('s2')
  })

  it('an answer trailing a /delete into the closed topic still carries the session’s label', async () => {
    const { topics } = setup()
    const research = meta('s1', 'research', { chatId: CHAT, threadId: 7 })
    topics.load([research])
    await topics.archived(research)
    expect(topics.lost('sendMessage', inTopic(7), 'closed')).toEqual({
      resend: { chat_id: CHAT, text: '[research] answer' },
    })
  })

  it('archiving a session with unreadable metadata still closes the topic the index knows', async () => {
    const { topics, calls } = setup()
    topics.load([meta('s1', 'research', { chatId: CHAT, threadId: 7 })])
    await topics.archived({ id: 's1', name: 'with damaged files', topic: null })
    expect(calls.map((c) => [c.method, c.payload])).toEqual([
      ['closeForumTopic', { chat_id: CHAT, message_thread_id: 7 }],
    ])
    expect(topics.sessionIdFor(String(CHAT), CHAT, 7)).toBe(undefined)
    expect(topics.lost('sendMessage', inTopic(7), 'closed')).toEqual({
      resend: { chat_id: CHAT, text: '[research] answer' },
    })
  })
})
