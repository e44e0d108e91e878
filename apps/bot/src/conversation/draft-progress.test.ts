import { describe, expect, test } from 'vitest'
import { telegramError } from '../telegram/testing/fake-call-api.js'
import { DraftIds } from './draft-ids.js'
import { DraftRegistry } from './draft-registry.js'
import { LiveProgress, type LiveProgressOptions } from './live-progress.js'
import { eventually, makeOutbox, silentLogger } from './testing/fakes.js'

const CHAT = 42
const ref = { owner: '42', id: 's-main' }

function setup(
  options: Partial<LiveProgressOptions> = {},
  responder?: Parameters<typeof makeOutbox>[0],
) {
  const { api, outbox } = makeOutbox(responder)
  const drafts = new DraftRegistry()
  const shown: number[] = []
  const progress = new LiveProgress({
    outbox,
    chatId: CHAT,
    sessionName: 'main',
    cwd: '/work',
    mode: 'draft',
    isBackground: async () => false,
    logger: silentLogger,
    // Far away: whatever appears at once does not wait for it.
    startDelayMs: 60_000,
    liveIntervalMs: 0,
    turn: { ref, turnId: 't1' },
    drafts,
    draftIds: new DraftIds(() => 0.5),
    onShown: (id) => shown.push(id),
    ...options,
  })
  const methods = () => api.calls.map((c) => c.method)
  return { api, progress, drafts, shown, methods }
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 30))

describe('draft mode', () => {
  test('the first draft ("working…") goes out as the turn starts, with Stop, in the turn’s topic', async () => {
    const s = setup({ threadId: 7 })
    const draft = await eventually(() => s.api.callsOf('sendMessageDraft')[0])
    expect(draft.payload).toMatchObject({
      chat_id: CHAT,
      message_thread_id: 7,
      can_stop: true,
      keep_on_stop: true,
      parse_mode: 'HTML',
    })
    expect(String(draft.payload.text)).toContain('working…')
    const draftId = Number(draft.payload.draft_id)
    expect(s.drafts.lookup(CHAT, draftId)).toMatchObject({ ref, turnId: 't1' })
    // The answer takes the draft's place: nothing to delete, and the draft is no longer Stop-able.
    await s.progress.complete()
    await settle()
    expect(s.methods()).toEqual(['sendMessageDraft'])
    expect(s.drafts.lookup(CHAT, draftId)).toBeUndefined()
    expect(s.shown).toEqual([]) // a draft is not a message a restart could edit
  })

  test('text streams into the same draft id', async () => {
    const s = setup()
    await eventually(() => s.api.callsOf('sendMessageDraft')[0])
    s.progress.appendText('Hello there')
    const second = await eventually(() => s.api.callsOf('sendMessageDraft')[1])
    expect(String(second.payload.text)).toContain('Hello there')
    const ids = new Set(s.api.callsOf('sendMessageDraft').map((c) => c.payload.draft_id))
    expect(ids.size).toBe(1)
    await s.progress.complete()
  })

  test('two turns in one chat get different draft ids', async () => {
    const ids = new DraftIds(() => 0.999_999_999)
    const a = setup({ draftIds: ids })
    const b = setup({ draftIds: ids })
    const first = await eventually(() => a.api.callsOf('sendMessageDraft')[0])
    const second = await eventually(() => b.api.callsOf('sendMessageDraft')[0])
    expect(first.payload.draft_id).not.toBe(second.payload.draft_id)
    await Promise.all([a.progress.complete(), b.progress.complete()])
  })

  test('after Stop (halt) no more drafts go out; the stopped turn leaves nothing to tidy', async () => {
    const s = setup()
    const draft = await eventually(() => s.api.callsOf('sendMessageDraft')[0])
    s.drafts.lookup(CHAT, Number(draft.payload.draft_id))?.halt()
    s.progress.appendText('more text after the stop')
    await settle()
    await s.progress.fail('stopped')
    await settle()
    expect(s.methods()).toEqual(['sendMessageDraft'])
    expect(s.drafts.size).toBe(0)
  })

  test('a background session’s turn types at once and gets its quiet status message later', async () => {
    const s = setup({ isBackground: async () => true, startDelayMs: 20 })
    await eventually(() => s.api.callsOf('sendMessage')[0])
    expect(s.methods()).toEqual(['sendChatAction', 'sendMessage'])
    expect(String(s.api.calls[1]?.payload.text)).toBe('[main] ⏳ working…')
    expect(s.drafts.size).toBe(0)
    await s.progress.complete()
  })

  test('a refused draft falls back to an edited message (kept for a restart), removed on success', async () => {
    const s = setup({}, (call) => {
      if (call.method === 'sendMessageDraft') throw telegramError(404, 'Not Found')
    })
    const sent = await eventually(() => s.api.callsOf('sendMessage')[0])
    expect(String(sent.payload.text)).toContain('working…')
    await eventually(() => s.shown.length > 0)
    await s.progress.complete()
    await settle()
    expect(s.methods()).toEqual(['sendMessageDraft', 'sendMessage', 'deleteMessage'])
    expect(s.api.calls[2]?.payload.message_id).toBe(s.shown[0])
  })
})

describe('edit mode', () => {
  test('"typing…" at once (in the topic); a quick answer needs no progress message', async () => {
    const s = setup({ mode: 'edit', threadId: 7 })
    const typing = await eventually(() => s.api.callsOf('sendChatAction')[0])
    expect(typing.payload).toEqual({ chat_id: CHAT, message_thread_id: 7, action: 'typing' })
    await s.progress.complete()
    await settle()
    expect(s.methods()).toEqual(['sendChatAction'])
  })

  test('stopped after the progress message appeared: it goes, the final carries the partial text', async () => {
    const s = setup({ mode: 'edit', startDelayMs: 0 })
    s.progress.appendText('partial')
    await eventually(() => s.api.callsOf('sendMessage')[0])
    await s.progress.fail('stopped')
    await settle()
    expect(s.methods()).toEqual(['sendChatAction', 'sendMessage', 'deleteMessage'])
  })

  test('groups always edit, even in draft mode', async () => {
    const s = setup({ chatId: -100, startDelayMs: 0 })
    await eventually(() => s.api.callsOf('sendMessage')[0])
    expect(s.api.callsOf('sendMessageDraft')).toEqual([])
    await s.progress.complete()
  })
})
