import { expect, test } from 'vitest'
import { sessionMeta } from '../conversation/testing/fakes.js'
import type { SessionTopicsApi } from '../topics/session-topics-api.js'
import { sessionOfPlace } from './active-session.js'

const alpha = sessionMeta({ id: 's-alpha', name: 'alpha' })
const beta = sessionMeta({ id: 's-beta', name: 'beta' })

/** Sessions alpha (active) and beta; beta is bound to topic 7 of chat 42. */
function deps(active: boolean, bound: Record<number, string> = { 7: 's-beta' }) {
  const metas = [alpha, beta]
  const sessions = {
    async getById(_owner: string, id: string) {
      const meta = metas.find((m) => m.id === id)
      if (!meta) throw Object.assign(new Error('gone'), { code: 'SESSION_NOT_FOUND' })
      return meta
    },
    async active() {
      return alpha
    },
  }
  const topics: Pick<SessionTopicsApi, 'active' | 'userWrote'> = {
    active,
    userWrote: async (owner, chatId, threadId) =>
      owner === '42' && chatId === 42 ? bound[threadId] : undefined,
  }
  return { sessions, topics } as unknown as Parameters<typeof sessionOfPlace>[0]
}

test('inside a bound topic the topic’s session wins over the active one', async () => {
  expect(await sessionOfPlace(deps(true), '42', { chatId: 42, threadId: 7 })).toEqual({
    kind: 'topic',
    meta: beta,
  })
})

test('outside topics it is the active session, as before topics', async () => {
  expect(await sessionOfPlace(deps(true), '42', { chatId: 42 })).toEqual({
    kind: 'general',
    meta: alpha,
  })
})

test('a topic bound to nothing is unbound while topics are in use', async () => {
  expect(await sessionOfPlace(deps(true), '42', { chatId: 42, threadId: 9 })).toEqual({
    kind: 'unbound',
  })
})

test('in the flat-chat fallback an unbound topic works like the general view', async () => {
  expect(await sessionOfPlace(deps(false), '42', { chatId: 42, threadId: 9 })).toEqual({
    kind: 'general',
    meta: alpha,
  })
  // A bound topic still means its session.
  expect(await sessionOfPlace(deps(false), '42', { chatId: 42, threadId: 7 })).toMatchObject({
    kind: 'topic',
  })
})

test('a topic whose session is gone is unbound', async () => {
  const place = { chatId: 42, threadId: 8 }
  expect(await sessionOfPlace(deps(true, { 8: 's-gone' }), '42', place)).toEqual({
    kind: 'unbound',
  })
})
