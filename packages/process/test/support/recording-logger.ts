import type { Logger } from '../../src/logger.js'

/** A Logger that keeps the messages of warnings and errors, for tests to assert on. */
export function recordingLogger(): { logger: Logger; warnings: string[]; errors: string[] } {
  const warnings: string[] = []
  const errors: string[] = []
  const logger: Logger = {
    debug() {},
    info() {},
    warn: (_: object, msg?: string) => void warnings.push(msg ?? ''),
    error: (_: object, msg?: string) => void errors.push(msg ?? ''),
  }
  return { logger, warnings, errors }
}
