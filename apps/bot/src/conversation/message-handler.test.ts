import type { Context } from 'telegraf'
import { expect, test } from 'vitest'
import { ChatOrder } from './chat-order.js'
import { createMessageHandler, type MessageHandlerDeps } from './message-handler.js'
import type { Accepted, AcceptRequest } from './submitter.js'
import { fakeSessions, makeOutbox, sessionMeta, silentLogger } from './testing/fakes.js'

function textUpdate(text: string, messageId: number): Context {
  const from = { id: 42, is_bot: false, first_name: 'Ann' }
  const chat = { id: 42, type: 'private' as const, first_name: 'Ann' }
  return { message: { message_id: messageId, date: 0, chat, from, text }, from, chat } as never
}

test('the handler returns only once the message is on disk (Telegram is told it arrived then), in order', async () => {
  const { outbox } = makeOutbox()
  const written: string[] = []
  const pending: (() => void)[] = []
  const accept = (request: AcceptRequest) =>
    new Promise<Accepted | undefined>((resolve) => {
      pending.push(() => {
        written.push(request.prompt ?? '')
        resolve(undefined)
      })
    })
  const deps: MessageHandlerDeps = {
    sessions: fakeSessions([sessionMeta({ owner: '42' })]) as never,
    outbox,
    logger: silentLogger,
    questions: { takeTypedAnswer: () => false },
    order: new ChatOrder(),
    accept,
  }
  const handle = createMessageHandler(deps)
  const next = async () => {}
  let firstDone = false
  const first = handle(textUpdate('one', 1), next).then(() => {
    firstDone = true
  })
  const second = handle(textUpdate('two', 2), next)
  await new Promise((resolve) => setTimeout(resolve, 20))
  expect(firstDone).toBe(false) // the write has not finished: the update is not confirmed yet
  expect(pending).toHaveLength(1) // and the second waits behind the first (chat order)
  pending[0]?.()
  await first
  await new Promise((resolve) => setTimeout(resolve, 20))
  pending[1]?.()
  await second
  expect(written).toEqual(['one', 'two'])
})
