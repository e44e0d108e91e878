import { type Context, Context as TelegrafContext } from 'telegraf'
import type { Update } from 'telegraf/types'
import { describe, expect, test } from 'vitest'
import { DraftRegistry } from './draft-registry.js'
import { generationStopHandler } from './generation-stop.js'

function contextOf(update: Record<string, unknown>): Context {
  const telegram = new Proxy({}, { get: () => expect.fail('ctx.telegram bypasses the outbox') })
  return new TelegrafContext(update as unknown as Update, telegram as never, {} as never)
}

const stopUpdate = (draftId: number, extra: Record<string, unknown> = {}) => ({
  update_id: 1,
  stopped_message_generation: {
    chat: { id: 5, type: 'private', first_name: 'Ann' },
    draft_id: draftId,
    ...extra,
  },
})

function setup() {
  const stops: [unknown, unknown][] = []
  const logs: [string, unknown, string][] = []
  const log = (level: string) => (fields: unknown, message: string) => {
    logs.push([level, fields, message])
  }
  const logger = { info: log('info'), warn: log('warn'), error: log('error') }
  const pool = {
    stop: async (ref: unknown, options: unknown) => {
      stops.push([ref, options])
      return 'interrupted'
    },
  }
  const drafts = new DraftRegistry()
  const handler = generationStopHandler({ pool, logger } as never, drafts)
  return { stops, logs, drafts, handler }
}

describe('Stop pressed on a draft', () => {
  test('stops the turn that owns the draft (only that turn) and halts its drafts', async () => {
    const s = setup()
    let halted = 0
    const ref = { owner: '5', id: 's-main' }
    s.drafts.register(5, 77, { ref, turnId: 't1', halt: () => halted++ })
    let passed = false
    await s.handler(contextOf(stopUpdate(77, { message_thread_id: 9 })), async () => {
      passed = true
    })
    expect(passed).toBe(false)
    expect(halted).toBe(1)
    await Promise.resolve()
    expect(s.stops).toEqual([[ref, { turnId: 't1' }]])
  })

  test('an unknown or finished draft is logged and ignored', async () => {
    const s = setup()
    await s.handler(contextOf(stopUpdate(78)), async () => expect.fail('must not go on'))
    expect(s.stops).toEqual([])
    expect(s.logs.map(([level, , message]) => [level, message])).toEqual([
      ['info', 'Stop pressed on a draft of no running turn: ignored'],
    ])
  })

  test('a malformed update is logged, never thrown', async () => {
    const s = setup()
    const bad = { update_id: 2, stopped_message_generation: { chat: { id: 5, type: 'private' } } }
    await s.handler(contextOf(bad), async () => expect.fail('must not go on'))
    expect(s.logs[0]?.[0]).toBe('warn')
    expect(s.logs[0]?.[1]).toMatchObject({ err: { code: 'BOT_API_INVALID_UPDATE' } })
  })

  test('other updates pass through', async () => {
    const s = setup()
    let passed = false
    const message = {
      update_id: 3,
      message: { message_id: 1, date: 0, chat: { id: 5, type: 'private' }, text: 'hi' },
    }
    await s.handler(contextOf(message), async () => {
      passed = true
    })
    expect(passed).toBe(true)
  })
})
