import type { Logger } from '../logging/logger.js'
import { EXIT } from './exit-codes.js'

/** The whole shutdown must fit in this (systemd's TimeoutStopSec is 15 s). */
export const SHUTDOWN_DEADLINE_MS = 10_000

export interface ShutdownStep {
  name: string
  run: () => Promise<unknown>
  /** Give up on this step after this long and go on with the next. */
  timeoutMs: number
}

/**
 * Runs the steps in order, each bounded, then exits with `code`. A hard timer forces exit 1 if the
 * whole sequence overruns the deadline (a stuck step must never keep the bot half-alive). Only the
 * first call runs; later calls (a second Ctrl-C) return the same promise.
 */
export function createShutdown(
  logger: Logger,
  steps: () => ShutdownStep[],
  exit: (code: number) => void = (code) => process.exit(code),
): (reason: string, code?: number) => Promise<void> {
  let running: Promise<void> | undefined
  return (reason, code = EXIT.ok) => {
    running ??= (async () => {
      logger.info({ reason }, 'shutting down')
      const hard = setTimeout(() => {
        logger.error({ reason }, `shutdown took over ${SHUTDOWN_DEADLINE_MS} ms: forcing exit`)
        flushThen(logger, () => exit(EXIT.failed))
      }, SHUTDOWN_DEADLINE_MS)
      for (const step of steps()) {
        const outcome = await withTimeout(step.run(), step.timeoutMs)
        if (outcome.kind === 'timeout') logger.warn({ step: step.name }, 'shutdown step timed out')
        if (outcome.kind === 'error') {
          logger.warn({ step: step.name, err: outcome.error }, 'shutdown step failed')
        }
      }
      clearTimeout(hard)
      logger.info({ code }, 'stopped')
      await new Promise<void>((resolve) => flushThen(logger, resolve))
      exit(code)
    })()
    return running
  }
}

async function withTimeout(
  promise: Promise<unknown>,
  ms: number,
): Promise<{ kind: 'ok' } | { kind: 'timeout' } | { kind: 'error'; error: unknown }> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<{ kind: 'timeout' }>((resolve) => {
    timer = setTimeout(() => resolve({ kind: 'timeout' }), ms)
  })
  try {
    return await Promise.race([
      promise.then(
        () => ({ kind: 'ok' as const }),
        (error: unknown) => ({ kind: 'error' as const, error }),
      ),
      timeout,
    ])
  } finally {
    clearTimeout(timer)
  }
}

/** pino writes asynchronously: flush before exiting so the last lines are not lost. */
function flushThen(logger: Logger, then: () => void): void {
  const fallback = setTimeout(then, 500)
  try {
    logger.flush(() => {
      clearTimeout(fallback)
      then()
    })
  } catch {
    clearTimeout(fallback)
    then()
  }
}
