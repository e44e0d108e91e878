import type { Context } from 'telegraf'
import { expect, test } from 'vitest'
import { createEditHandler, EDIT_NOT_SENT_TEXT } from './edit-handler.js'
import { makeOutbox, silentLogger } from './testing/fakes.js'

const edit = (message: object) => ({ editedMessage: message }) as unknown as Context

test('an edited text message gets a reply saying the edit did not reach Claude', async () => {
  const { api, outbox } = makeOutbox()
  const onEdit = createEditHandler({ outbox, logger: silentLogger })
  await onEdit(edit({ message_id: 7, chat: { id: 42 }, text: 'fixed typo' }))
  expect(api.callsOf('sendMessage').map((c) => c.payload)).toMatchObject([
    { chat_id: 42, text: EDIT_NOT_SENT_TEXT, reply_parameters: { message_id: 7 } },
  ])
})

test('edits without text (a live location moving) are ignored', async () => {
  const { api, outbox } = makeOutbox()
  const onEdit = createEditHandler({ outbox, logger: silentLogger })
  await onEdit(edit({ message_id: 8, chat: { id: 42 }, location: { latitude: 1, longitude: 2 } }))
  expect(api.calls).toEqual([])
})
