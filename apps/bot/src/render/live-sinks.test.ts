import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { systemClock } from '../telegram/clock.js'
import { Outbox } from '../telegram/outbox.js'
import { FakeCallApi, telegramError } from '../telegram/testing/fake-call-api.js'
import { createEditSink, createLiveSink, DRAFT_INTERVAL_MS, DraftSink } from './live-sinks.js'
import { StreamRenderer } from './stream-renderer.js'

beforeEach(() => {
  vi.useFakeTimers()
})
afterEach(() => {
  vi.useRealTimers()
})

describe('live sinks', () => {
  it('edit mode: sends once, then edits that message; "not modified" is harmless', async () => {
    const api = new FakeCallApi(systemClock, 30, (call) => {
      if (call.method === 'editMessageText' && call.payload.text === 'same')
        throw telegramError(400, 'Bad Request: message is not modified')
    })
    const sink = createEditSink(new Outbox({ callApi: api.callApi }), { chatId: -100 })
    const id = sink.send('<b>hi</b>')
    await vi.advanceTimersByTimeAsync(100)
    expect(await id).toBe(100)
    const edit = sink.edit(100, 'same')
    await vi.advanceTimersByTimeAsync(5000)
    await expect(edit).resolves.toBeUndefined()
    expect(api.calls.map((c) => [c.method, c.payload.chat_id, c.payload.parse_mode])).toEqual([
      ['sendMessage', -100, 'HTML'],
      ['editMessageText', -100, 'HTML'],
    ])
    expect(api.calls[1]?.payload.message_id).toBe(100)
  })

  it('edit mode: the keyboard is asked on every call, and an edit without one takes it away', async () => {
    const api = new FakeCallApi(systemClock, 30)
    let keyboard: object | undefined = {
      inline_keyboard: [[{ text: '⏹ Stop', callback_data: 'x' }]],
    }
    const sink = createEditSink(
      new Outbox({ callApi: api.callApi }),
      { chatId: 7 },
      {},
      () => keyboard,
    )
    const id = sink.send('one')
    await vi.advanceTimersByTimeAsync(100)
    const edit = sink.edit(await id, 'two')
    await vi.advanceTimersByTimeAsync(5000)
    await edit
    keyboard = undefined
    const last = sink.edit(await id, 'three')
    await vi.advanceTimersByTimeAsync(5000)
    await last
    expect(api.calls.map((c) => [c.method, c.payload.reply_markup !== undefined])).toEqual([
      ['sendMessage', true],
      ['editMessageText', true],
      ['editMessageText', false],
    ])
  })

  it('draft mode: streams a turn with sendMessageDraft under one draft id and keeps it alive', async () => {
    const api = new FakeCallApi(systemClock, 30)
    const sink = new DraftSink(new Outbox({ callApi: api.callApi }), { chatId: 5 }, { draftId: 77 })
    const renderer = new StreamRenderer({ sink, title: 'main' })
    renderer.appendText('Hello')
    await vi.advanceTimersByTimeAsync(2500)
    renderer.appendText(' world')
    renderer.setStatus('waiting for your approval')
    await vi.advanceTimersByTimeAsync(45_000) // idle: the draft is refreshed before it expires
    const done = renderer.finish()
    await vi.advanceTimersByTimeAsync(5000)
    await done
    const drafts = api.callsOf('sendMessageDraft')
    expect(
      drafts.every(
        (c) =>
          c.payload.draft_id === 77 && c.payload.chat_id === 5 && c.payload.parse_mode === 'HTML',
      ),
    ).toBe(true)
    expect(drafts.length).toBeGreaterThanOrEqual(4)
    const waiting = drafts.filter((c) =>
      String(c.payload.text).includes('waiting for your approval'),
    )
    expect(waiting.length).toBeGreaterThanOrEqual(2)
    expect(api.calls.every((c) => c.method === 'sendMessageDraft')).toBe(true)
  })

  it('uses drafts only in private chats', () => {
    const outbox = new Outbox({ callApi: async () => true })
    const draftId = 9
    expect(createLiveSink('draft', outbox, { chatId: 5 }, { draftId })).toBeInstanceOf(DraftSink)
    expect(createLiveSink('draft', outbox, { chatId: -100 }, { draftId })).not.toBeInstanceOf(
      DraftSink,
    )
    expect(createLiveSink('edit', outbox, { chatId: 5 }, { draftId })).not.toBeInstanceOf(DraftSink)
    expect(() => new DraftSink(outbox, { chatId: 5 }, { draftId: 0 })).toThrow(RangeError)
  })

  it('draft mode: the draft has a Stop button, is kept on Stop, and goes to the turn’s topic', async () => {
    const api = new FakeCallApi(systemClock, 30)
    const place = { chatId: 5, threadId: 42 }
    const sink = new DraftSink(new Outbox({ callApi: api.callApi }), place, { draftId: 77 })
    const sent = sink.send('<b>main</b> · <i>working…</i>')
    await vi.advanceTimersByTimeAsync(100)
    expect(await sent).toBe(77)
    expect(api.calls.map((c) => c.payload)).toEqual([
      {
        chat_id: 5,
        message_thread_id: 42,
        draft_id: 77,
        text: '<b>main</b> · <i>working…</i>',
        parse_mode: 'HTML',
        can_stop: true,
        keep_on_stop: true,
      },
    ])
    expect(sink.minIntervalMs).toBe(DRAFT_INTERVAL_MS)
    expect(sink.keepAliveMs).toBeGreaterThan(0)
  })

  it('a refused draft falls back to an edited message for the rest of the turn, told once', async () => {
    const api = new FakeCallApi(systemClock, 30, (call) => {
      if (call.method === 'sendMessageDraft')
        throw telegramError(400, 'Bad Request: TEXTDRAFT_PEER_INVALID')
    })
    const refused: unknown[] = []
    const sink = new DraftSink(
      new Outbox({ callApi: api.callApi }),
      { chatId: 5, threadId: 42 },
      { draftId: 77, onFallback: (error) => refused.push(error) },
    )
    const renderer = new StreamRenderer({ sink, title: 'main' })
    renderer.appendText('Hello')
    await vi.advanceTimersByTimeAsync(1500) // the outbox spaces calls to one chat by 1 s
    expect(sink.isDraft).toBe(false)
    expect(sink.messageId).toBe(100)
    // Edits now pace like edit mode, and keep-alives stop.
    expect(sink.minIntervalMs).toBeUndefined()
    expect(sink.keepAliveMs).toBeUndefined()
    renderer.appendText(' world')
    await vi.advanceTimersByTimeAsync(5000)
    const done = renderer.finish()
    await vi.advanceTimersByTimeAsync(5000)
    await done
    expect(refused).toHaveLength(1)
    expect(api.calls.map((c) => c.method)).toEqual([
      'sendMessageDraft',
      'sendMessage',
      'editMessageText',
      'editMessageText',
    ])
    // Nothing lost: the refused view became the message, in the turn's topic.
    expect(api.calls[1]?.payload).toMatchObject({
      text: '<b>main</b>\n\nHello',
      message_thread_id: 42,
    })
    expect(api.calls.slice(2).every((c) => c.payload.message_id === 100)).toBe(true)
  })
})
