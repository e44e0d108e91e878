import { expect, test, vi } from 'vitest'
import type { CallbackAction } from '../callbacks/callback-actions.js'
import { CallbackStore } from '../callbacks/callback-store.js'
import type { Logger } from '../logging/logger.js'
import type { Outbox } from '../telegram/outbox.js'
import { StallNotice } from './stall-notice.js'
import { STOP_BUTTON_TTL_MS } from './stop-button.js'

/** A notice shown at `now`; its Stop button's callback data, read from the message sent. */
async function shownAt(callbacks: CallbackStore<CallbackAction>) {
  const call = vi.fn(async () => ({ message_id: 5 }))
  const notice = new StallNotice({
    outbox: { call } as unknown as Outbox,
    callbacks,
    logger: { warn: vi.fn(), debug: vi.fn() } as unknown as Logger,
    userId: 7,
    chatId: 7,
    sessionId: 's1',
    sessionName: 'mine',
    turnId: 't1',
  })
  notice.show(300_000)
  await vi.waitFor(() => expect(call).toHaveBeenCalled())
  const params = (call.mock.calls[0] as unknown[])[1] as {
    text: string
    reply_markup: { inline_keyboard: { callback_data: string }[][] }
  }
  return {
    notice,
    text: params.text,
    data: params.reply_markup.inline_keyboard[0]?.[0]?.callback_data,
  }
}

test("the stall notice's Stop lives as long as the progress message's (one constant), and goes with the notice", async () => {
  let now = 0
  const callbacks = new CallbackStore<CallbackAction>(() => now)
  const first = await shownAt(callbacks)
  const second = await shownAt(callbacks)
  expect(first.text).toBe('⏸ No output from Claude Code for 5 min (mine).')
  now = STOP_BUTTON_TTL_MS - 1
  expect(callbacks.take(first.data, 7)).toMatchObject({ ok: true, action: { turnId: 't1' } })
  now = STOP_BUTTON_TTL_MS
  expect(callbacks.take(second.data, 7)).toEqual({ ok: false, reason: 'expired' })

  now = 0
  const third = await shownAt(callbacks)
  await third.notice.clear()
  expect(callbacks.take(third.data, 7)).toEqual({ ok: false, reason: 'expired' })
})
