import { describe, expect, it } from 'vitest'
import { BotApiReplyError, BotApiRequestError } from './errors.js'
import { DRAFT_TEXT_MAX, sendMessageDraft } from './message-draft.js'
import { fakeOutbox } from './testing/fake-outbox.js'

describe('sendMessageDraft', () => {
  it('sends every field in Telegram spelling, passing the call options on', async () => {
    const { outbox, calls } = fakeOutbox()
    const sent = await sendMessageDraft(
      outbox,
      {
        chatId: 42,
        threadId: 7,
        draftId: 3,
        text: '<b>hi</b>',
        parseMode: 'HTML',
        canStop: true,
        keepOnStop: true,
      },
      { lane: 'progress', supersedeKey: 'draft:3' },
    )
    expect(sent).toBe(true)
    expect(calls).toEqual([
      {
        method: 'sendMessageDraft',
        payload: {
          chat_id: 42,
          message_thread_id: 7,
          draft_id: 3,
          text: '<b>hi</b>',
          parse_mode: 'HTML',
          can_stop: true,
          keep_on_stop: true,
        },
        options: { lane: 'progress', supersedeKey: 'draft:3' },
      },
    ])
  })

  it('sends only what was given, and allows an empty text (the "Thinking..." placeholder)', async () => {
    const { outbox, calls } = fakeOutbox()
    await sendMessageDraft(outbox, { chatId: 42, draftId: -5, text: '' })
    expect(calls[0]?.payload).toEqual({ chat_id: 42, draft_id: -5, text: '' })
  })

  it.each([
    [{ chatId: 42, draftId: 0, text: 'x' }, 'draftId'],
    [{ chatId: 42, draftId: 1.5, text: 'x' }, 'draftId'],
    [{ chatId: -100, draftId: 1, text: 'x' }, 'chatId'],
    [{ chatId: 42, draftId: 1, threadId: 0, text: 'x' }, 'threadId'],
    [{ chatId: 42, draftId: 1, text: 'x'.repeat(DRAFT_TEXT_MAX + 1) }, 'text'],
    [{ chatId: 42, draftId: 1, text: 'x', parseMode: 'html' }, 'parseMode'],
  ])('refuses %o before sending (%s)', async (input, field) => {
    const { outbox, calls } = fakeOutbox()
    const error = await sendMessageDraft(outbox, input as never).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(BotApiRequestError)
    expect((error as BotApiRequestError).issues.join()).toContain(field)
    expect(calls).toHaveLength(0)
  })

  it('leaves the length of marked-up text to Telegram (it counts after entities parsing)', async () => {
    const { outbox, calls } = fakeOutbox()
    const text = `<i>${'x'.repeat(DRAFT_TEXT_MAX - 2)}</i>`
    await sendMessageDraft(outbox, { chatId: 42, draftId: 1, text, parseMode: 'HTML' })
    expect(calls).toHaveLength(1)
  })

  it('resolves false when the outbox dropped a superseded progress draft', async () => {
    const { outbox } = fakeOutbox(() => undefined)
    await expect(
      sendMessageDraft(outbox, { chatId: 42, draftId: 1, text: 'x' }, { lane: 'progress' }),
    ).resolves.toBe(false)
  })

  it('rejects a critical draft answered with anything but true', async () => {
    const { outbox } = fakeOutbox(() => undefined)
    await expect(
      sendMessageDraft(outbox, { chatId: 42, draftId: 1, text: 'x' }),
    ).rejects.toBeInstanceOf(BotApiReplyError)
  })
})
