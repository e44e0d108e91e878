import { setTimeout as sleep } from 'node:timers/promises'
import type { BotHarness } from '../test/support/harness.js'

/** Resolves once no Telegram call other than getUpdates has arrived for `quietMs`. */
export async function settle(h: BotHarness, quietMs: number): Promise<void> {
  for (;;) {
    const last = h.telegram.calls.filter((c) => c.method !== 'getUpdates').at(-1)?.at ?? 0
    const wait = last + quietMs - Date.now()
    if (wait <= 0) return
    await sleep(wait)
  }
}
