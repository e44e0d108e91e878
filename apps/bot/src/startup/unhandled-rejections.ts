import type { Logger } from '../logging/logger.js'

/**
 * Last line of defence: Node ends the process on a rejection nobody handled. Every promise the bot
 * starts is meant to be handled; one that slips through is a bug to log, not a reason to drop every
 * session's running turn. (Uncaught exceptions still end the process: state may be inconsistent.)
 */
export function logUnhandledRejections(logger: Logger): (reason: unknown) => void {
  const listener = (reason: unknown) =>
    logger.error({ err: reason }, 'unhandled promise rejection (a bug): the bot keeps running')
  process.on('unhandledRejection', listener)
  return listener
}
