/**
 * Timed waits for the finals' retries that can be cut short: per chat (its user wrote again, so
 * it is reachable) or all at once (shutdown).
 */

import type { Clock } from '../telegram/clock.js'

export class WakeableWaits {
  private readonly wakers = new Map<number, Set<() => void>>()

  constructor(private readonly clock: Clock) {}

  /** Resolves after `ms`, or earlier when `chatId` (or everything) is woken. */
  wait(chatId: number, ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wakers = this.wakers.get(chatId) ?? new Set<() => void>()
      this.wakers.set(chatId, wakers)
      const wake = () => {
        this.clock.clearTimer(timer)
        wakers.delete(wake)
        if (wakers.size === 0) this.wakers.delete(chatId)
        resolve()
      }
      const timer = this.clock.setTimer(wake, ms)
      wakers.add(wake)
    })
  }

  wake(chatId: number): void {
    for (const wake of [...(this.wakers.get(chatId) ?? [])]) wake()
  }

  wakeAll(): void {
    for (const chatId of [...this.wakers.keys()]) this.wake(chatId)
  }
}

/** Waits for `promise`, but no longer than `ms` (its outcome is ignored). */
export async function within(clock: Clock, promise: Promise<unknown>, ms: number): Promise<void> {
  let timer: unknown
  const timeout = new Promise<void>((resolve) => {
    timer = clock.setTimer(resolve, ms)
  })
  await Promise.race([promise.catch(() => undefined), timeout])
  clock.clearTimer(timer)
}
