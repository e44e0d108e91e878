import type { SessionMetadata } from '@switchboard/core'
import { describe, expect, it } from 'vitest'
import { sessionMeta, silentLogger } from '../conversation/testing/fakes.js'
import { TopicSessionMaker } from './topic-session-maker.js'

function setup(taken: string[] = [], gone: string[] = [], withTopic: string[] = []) {
  const names = new Set(taken)
  const created: string[] = []
  const bound = new Map<string, string>() // chat:thread → session id
  const sessions = {
    create: async ({ owner, name }: { owner: string; name: string }) => {
      if (names.has(name)) throw Object.assign(new Error('exists'), { code: 'SESSION_EXISTS' })
      names.add(name)
      created.push(name)
      return sessionMeta({ id: `id-${name}`, name, owner })
    },
    get: async (owner: string, name: string) => {
      if (!names.has(name)) throw Object.assign(new Error('none'), { code: 'SESSION_NOT_FOUND' })
      const topic = withTopic.includes(name) ? { chatId: 1, threadId: 3 } : null
      return sessionMeta({ id: `id-${name}`, name, owner, schemaVersion: 2, topic })
    },
    getById: async (owner: string, id: string) => {
      if (gone.includes(id)) throw Object.assign(new Error('gone'), { code: 'SESSION_NOT_FOUND' })
      return sessionMeta({ id, name: id, owner })
    },
  }
  const topics = {
    sessionIdFor: (_owner: string, chatId: number, threadId: number) =>
      bound.get(`${chatId}:${threadId}`),
    bind: async (meta: SessionMetadata, chatId: number, threadId: number) => {
      bound.set(`${chatId}:${threadId}`, meta.id)
      return meta
    },
    threadOf: (meta: Pick<SessionMetadata, 'id'>, chatId: number) => {
      const found = [...bound].find(([k, id]) => id === meta.id && k.startsWith(`${chatId}:`))
      return found ? Number(found[0].split(':')[1]) : undefined
    },
  }
  const maker = new TopicSessionMaker({ sessions, topics, logger: silentLogger })
  return { maker, created, bound }
}

describe('TopicSessionMaker', () => {
  it('names the session after the topic, says when the name changed, binds it', async () => {
    const { maker, bound } = setup()
    const made = await maker.sessionFor('1', 1, 7, 'My Notes')
    expect(made).toMatchObject({
      meta: { name: 'my-notes' },
      created: true,
      renamed: { topicName: 'My Notes' },
    })
    expect(made.renamed?.taken).toBeUndefined()
    expect(bound.get('1:7')).toBe('id-my-notes')
    const same = await maker.sessionFor('1', 1, 8, 'notes')
    expect(same.renamed).toBeUndefined()
  })

  it('makes a taken name unique with a suffix', async () => {
    const { maker } = setup(['research', 'research-2'])
    const made = await maker.sessionFor('1', 1, 7, 'research')
    expect(made).toMatchObject({
      meta: { name: 'research-3' },
      renamed: { topicName: 'research', taken: 'research' },
    })
  })

  it('makes one session per topic, also when asked twice at once', async () => {
    const { maker, created } = setup()
    const [a, b] = await Promise.all([
      maker.sessionFor('1', 1, 7, 'alpha'),
      maker.sessionFor('1', 1, 7, 'alpha'),
    ])
    expect(created).toEqual(['alpha'])
    expect([a.created, b.created]).toEqual([true, false])
    expect((await maker.sessionFor('1', 1, 7, 'alpha')).created).toBe(false)
    expect(created).toEqual(['alpha'])
  })

  it('gives a topic a new session when the one bound to it is gone', async () => {
    const { maker, created, bound } = setup([], ['id-archived'])
    bound.set('1:7', 'id-archived') // e.g. archived with damaged files: its topic stayed bound
    const made = await maker.sessionFor('1', 1, 7, 'notes')
    expect(made).toMatchObject({ meta: { name: 'notes' }, created: true })
    expect(created).toEqual(['notes'])
    expect(bound.get('1:7')).toBe('id-notes')
  })

  it('a topic the bot made for a session it never stored takes that session back', async () => {
    const { maker, created, bound } = setup(['research'])
    // The bot stopped between createForumTopic and storing the topic: "research" has none.
    const made = await maker.sessionFor('1', 1, 7, 'research', true)
    expect(made).toMatchObject({ meta: { id: 'id-research' }, created: false })
    expect(created).toEqual([])
    expect(bound.get('1:7')).toBe('id-research')
  })

  it('a bot-made topic is not given a session that has a topic already, nor is a user’s', async () => {
    const { maker, created } = setup(['research', 'notes'], [], ['research'])
    expect((await maker.sessionFor('1', 1, 7, 'research', true)).meta.name).toBe('research-2')
    expect((await maker.sessionFor('1', 1, 8, 'notes')).meta.name).toBe('notes-2')
    expect(created).toEqual(['research-2', 'notes-2'])
  })
})
