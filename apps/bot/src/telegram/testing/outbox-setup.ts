/** Test support: an Outbox over a FakeCallApi on vitest's fake timers. */

import { afterEach, beforeEach, vi } from 'vitest'
import { systemClock } from '../clock.js'
import { Outbox, type OutboxOptions } from '../outbox.js'
import { FakeCallApi, type Responder } from './fake-call-api.js'

/** Installs fake timers around each test of the file. */
export function useFakeTimers(): void {
  beforeEach(() => {
    vi.useFakeTimers()
  })
  afterEach(() => {
    vi.useRealTimers()
  })
}

/** An outbox without jitter over a fake Telegram answering after 50 ms; `t0` is its start time. */
export function outboxOver(responder?: Responder, options: Partial<OutboxOptions> = {}) {
  const api = new FakeCallApi(systemClock, 50, responder)
  const outbox = new Outbox({ callApi: api.callApi, random: () => 0, ...options })
  return { api, outbox, t0: Date.now() }
}
