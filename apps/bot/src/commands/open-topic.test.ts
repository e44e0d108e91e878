import { expect, test } from 'vitest'
import type { CallbackAction } from '../callbacks/callback-actions.js'
import { CallbackStore } from '../callbacks/callback-store.js'
import type { CommandContext } from './command.js'
import { openTopicRows } from './open-topic.js'

test('each session gets its own "open" button group, so opening one leaves the others working', () => {
  const callbacks = new CallbackStore<CallbackAction>()
  const c = { userId: 7, deps: { callbacks } } as unknown as Pick<CommandContext, 'deps' | 'userId'>
  const rows = openTopicRows(c, [
    { id: 's-a', name: 'a' },
    { id: 's-b', name: 'b' },
    { id: 's-c', name: 'c' },
  ])
  expect(rows.map((row) => row.map((b) => b.text))).toEqual([['💬 a', '💬 b'], ['💬 c']])
  const [a, b, cc] = rows.flat().map((button) => button.callback_data)
  for (const data of [a, b, cc]) expect(Buffer.byteLength(data ?? '')).toBeLessThanOrEqual(64)
  expect(callbacks.take(b, 7)).toMatchObject({
    ok: true,
    action: { type: 'open_topic', sessionId: 's-b' },
  })
  expect(callbacks.take(a, 7)).toMatchObject({ ok: true, action: { sessionId: 's-a' } })
  expect(callbacks.take(b, 7)).toEqual({ ok: false, reason: 'expired' })
})
