import { expect, test } from 'vitest'
import { makeOutbox, sessionMeta, silentLogger } from '../conversation/testing/fakes.js'
import { telegramError } from '../telegram/testing/fake-call-api.js'
import { NoticeSender, type NoticeTopics } from './session-notices.js'

const meta = sessionMeta({ id: 's-beta', name: 'beta', owner: '42' })

function route(active: boolean, threadId: number | undefined): NoticeTopics {
  return {
    topics: {
      active,
      threadOf: (m, chatId) => (m.id === 's-beta' && chatId === 42 ? threadId : undefined),
    },
    sessions: { getById: async () => meta } as unknown as NoticeTopics['sessions'],
  }
}

function sender(responder?: Parameters<typeof makeOutbox>[0]) {
  const { api, outbox } = makeOutbox(responder)
  const notices = new NoticeSender(silentLogger)
  notices.attach(outbox)
  return { api, notices }
}

test('a notice about a session goes to its topic while topics are in use', async () => {
  const { api, notices } = sender()
  notices.routeToTopics(route(true, 7))
  expect(await notices.sendAbout({ owner: '42', id: 's-beta' }, 'healed')).toBeTypeOf('number')
  expect(api.callsOf('sendMessage').map((c) => c.payload)).toMatchObject([
    { chat_id: 42, message_thread_id: 7, text: 'healed' },
  ])
})

test('without topics, or before they are known, it goes to the chat as before', async () => {
  for (const setup of [undefined, route(false, 7), route(true, undefined)]) {
    const { api, notices } = sender()
    if (setup) notices.routeToTopics(setup)
    await notices.sendAbout({ owner: '42', id: 's-beta', meta }, 'healed')
    const [call] = api.callsOf('sendMessage')
    expect(call?.payload).toMatchObject({ chat_id: 42, text: 'healed' })
    expect(call?.payload).not.toHaveProperty('message_thread_id')
  }
})

test('a topic that refuses the notice: it is sent outside the topic instead', async () => {
  const { api, notices } = sender((call) => {
    if (call.payload.message_thread_id !== undefined)
      throw telegramError(400, 'Bad Request: message thread not found')
    return undefined
  })
  notices.routeToTopics(route(true, 7))
  expect(await notices.sendAbout({ owner: '42', id: 's-beta' }, 'healed')).toBeTypeOf('number')
  const sends = api.callsOf('sendMessage').map((c) => c.payload.message_thread_id)
  expect(sends).toEqual([7, undefined])
})

test('an owner id that is not a Telegram user gets no notice', async () => {
  const { api, notices } = sender()
  expect(await notices.sendAbout({ owner: 'not-a-user', id: 's-beta' }, 'healed')).toBeUndefined()
  expect(api.calls).toEqual([])
})
