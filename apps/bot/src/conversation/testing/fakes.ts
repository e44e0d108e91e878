/**
 * Test support for the conversation and permission modules: an Outbox over a recording callApi
 * (no spacing, no latency), a scripted Turn, a one-session store and a silent logger.
 */

import type { SessionMetadata } from '@switchboard/core'
import type { Turn, TurnEvent, TurnResult, TurnState } from '@switchboard/process'
import { pino } from 'pino'
import type { Context } from 'telegraf'
import type { Logger } from '../../logging/logger.js'
import { systemClock } from '../../telegram/clock.js'
import { Outbox } from '../../telegram/outbox.js'
import { FakeCallApi, type Responder } from '../../telegram/testing/fake-call-api.js'

export const silentLogger: Logger = pino({ level: 'silent' })

export function makeOutbox(responder?: Responder) {
  const api = new FakeCallApi(systemClock, 0, responder)
  const outbox = new Outbox({ callApi: api.callApi, chatIntervalMs: () => 0, random: () => 0 })
  return { api, outbox }
}

export function sessionMeta(overrides: Partial<SessionMetadata> = {}): SessionMetadata {
  const now = new Date().toISOString()
  return {
    schemaVersion: 2,
    id: 's-main',
    name: 'main',
    owner: '42',
    persona: 'default',
    status: 'active',
    createdAt: now,
    lastActiveAt: now,
    workingDirectory: '/work/space',
    boundToProject: false,
    claudeSessionId: null,
    pid: null,
    topic: null,
    usage: {
      turns: 0,
      inputTokens: 0,
      outputTokens: 0,
      cacheReadInputTokens: 0,
      cacheCreationInputTokens: 0,
      costUsd: 0,
    },
    ...overrides,
  }
}

/** Sessions of one owner in memory; `activeId` decides which one is active. */
export function fakeSessions(metas: SessionMetadata[], dir = '/tmp/none') {
  const store = {
    activeId: metas[0]?.id as string | undefined,
    maxTurns: undefined as number | undefined,
    async getById(_owner: string, id: string) {
      const meta = metas.find((m) => m.id === id)
      if (!meta) throw new Error(`no session ${id}`)
      return meta
    },
    async active(_owner: string) {
      return metas.find((m) => m.id === store.activeId) ?? null
    },
    async readPersonaById(_owner: string, _id: string) {
      return { settings: { maxTurns: store.maxTurns } } as never
    },
    sessionDirectory(_owner: string, id: string) {
      return `${dir}/${id}`
    },
  }
  return store
}

/** A Turn that replays `events`, then completes with the last result event or fails with `error`. */
export function scriptedTurn(events: TurnEvent[], error?: Error, gate?: Promise<void>): Turn {
  let state: TurnState = 'queued'
  const result = events.findLast((e) => e.type === 'result') as TurnResult | undefined
  const done = (async () => {
    await gate
    if (error) throw error
    return result as TurnResult
  })()
  done.catch(() => {})
  return {
    id: 'turn-1',
    prompt: 'prompt',
    get state() {
      return state
    },
    done,
    async *[Symbol.asyncIterator]() {
      state = 'running'
      for (const event of events) {
        await gate
        yield event
      }
      state = error ? 'failed' : 'completed'
      if (error) throw error
    },
  }
}

export function resultEvent(overrides: Partial<TurnResult> = {}): TurnEvent {
  return {
    type: 'result',
    subtype: 'success',
    isError: false,
    text: 'done',
    errors: [],
    claudeSessionId: 'c-1',
    costUsd: 0,
    turnCostUsd: 0,
    usage: {
      inputTokens: 1,
      outputTokens: 1,
      cacheReadInputTokens: 0,
      cacheCreationInputTokens: 0,
    },
    numTurns: 1,
    durationMs: 5,
    ...overrides,
  }
}

/** A callback-query Context with just what the handlers use; records the toasts. */
export function pressContext(userId: number) {
  const toasts: string[] = []
  const ctx = {
    from: { id: userId, is_bot: false, first_name: 'U' },
    answerCbQuery: async (text?: string) => {
      toasts.push(text ?? '')
      return true
    },
  } as unknown as Context
  return { ctx, toasts }
}

/** Waits until `probe` returns a truthy value (polling every 5 ms, up to 2 s). */
export async function eventually<T>(probe: () => T | undefined | null | false): Promise<T> {
  const until = Date.now() + 2000
  for (;;) {
    const value = probe()
    if (value) return value
    if (Date.now() > until) throw new Error('condition not met within 2 s')
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
}
