import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { systemClock } from '../telegram/clock.js'
import { Outbox } from '../telegram/outbox.js'
import { FakeCallApi, telegramError } from '../telegram/testing/fake-call-api.js'
import { DraftSink } from './live-sinks.js'

beforeEach(() => {
  vi.useFakeTimers()
})
afterEach(() => {
  vi.useRealTimers()
})

describe('DraftSink: what is a refusal of drafts', () => {
  it('a 5xx outage is not: the view fails, the next one drafts again, Stop button and all', async () => {
    let failing = true
    const api = new FakeCallApi(systemClock, 30, (call) => {
      if (call.method === 'sendMessageDraft' && failing) throw telegramError(502, 'Bad Gateway')
    })
    const refused: unknown[] = []
    const outbox = new Outbox({ callApi: api.callApi, random: () => 0 })
    const sink = new DraftSink(
      outbox,
      { chatId: 5 },
      {
        draftId: 77,
        onFallback: (error) => refused.push(error),
      },
    )
    const first = sink.send('<b>main</b> · <i>working…</i>').catch((error: unknown) => error)
    await vi.advanceTimersByTimeAsync(30_000) // the progress lane's few retries, then it gives up
    expect(await first).toMatchObject({ errorCode: 502 })
    expect(sink.isDraft).toBe(true)
    expect(refused).toEqual([])
    failing = false
    const second = sink.edit(77, '<b>main</b>\n\nHello')
    await vi.advanceTimersByTimeAsync(1_000)
    await second
    expect(api.calls.map((c) => c.method).every((m) => m === 'sendMessageDraft')).toBe(true)
    expect(api.calls.at(-1)?.payload).toMatchObject({
      text: '<b>main</b>\n\nHello',
      can_stop: true,
    })
  })

  it('a closed outbox (shutdown) is not either: no progress message is attempted', async () => {
    const api = new FakeCallApi(systemClock, 30)
    const outbox = new Outbox({ callApi: api.callApi })
    const refused: unknown[] = []
    const sink = new DraftSink(
      outbox,
      { chatId: 5 },
      {
        draftId: 77,
        onFallback: (error) => refused.push(error),
      },
    )
    outbox.close()
    await expect(sink.send('<b>main</b>')).rejects.toMatchObject({ code: 'OUTBOX_CLOSED' })
    expect(sink.isDraft).toBe(true)
    expect(refused).toEqual([])
  })
})
