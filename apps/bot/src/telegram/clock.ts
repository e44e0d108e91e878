/**
 * Time as a dependency: the outbox and the stream renderer read the clock and set timers only
 * through this, so tests can drive them deterministically (vitest fake timers patch the globals
 * that `systemClock` looks up at call time).
 */

export interface Clock {
  now(): number
  setTimer(callback: () => void, ms: number): unknown
  clearTimer(handle: unknown): void
}

/** The real clock. Globals are looked up on each call so fake timers installed later still apply. */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimer: (callback, ms) => setTimeout(callback, ms),
  clearTimer: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
}

/** Resolves after `ms` milliseconds of `clock` time. */
export function sleep(clock: Clock, ms: number): Promise<void> {
  return new Promise((resolve) => {
    clock.setTimer(resolve, Math.max(0, ms))
  })
}
