import { FakeTelegramTimeoutError } from './errors.js'

export interface WaitForOptions {
  /** Give up after this long (default 5000 ms). */
  timeoutMs?: number
  /** Poll interval (default 10 ms). */
  intervalMs?: number
}

/** Polls `probe` until it returns something truthy, and returns that. */
export async function waitFor<T>(
  probe: () => T | undefined | null | false,
  options: WaitForOptions = {},
  describe: () => string = () => '',
): Promise<T> {
  const { timeoutMs = 5000, intervalMs = 10 } = options
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = probe()
    if (value) return value
    if (Date.now() >= deadline) {
      throw new FakeTelegramTimeoutError(
        `waitFor: condition not met within ${timeoutMs} ms${describe()}`,
      )
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs))
  }
}
