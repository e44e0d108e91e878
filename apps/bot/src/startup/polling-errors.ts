import type { Logger } from '../logging/logger.js'
import { EXIT } from './exit-codes.js'

/**
 * Telegraf's launch() settles when polling ends. Ending by our own stop() is normal; anything else
 * is fatal: a 409 means another process polls the same token (two bots would steal each other's
 * updates), a 401 a revoked token. Both exit non-zero with a line saying what to do.
 */
export function watchPolling(
  polling: Promise<void>,
  logger: Logger,
  shutdown: (reason: string, code: number) => void,
): void {
  polling.then(
    () => undefined,
    (error: unknown) => {
      const code = (error as { response?: { error_code?: unknown } }).response?.error_code
      if (code === 409) {
        logger.error(
          { err: error },
          'Telegram refused polling (409 Conflict): another process is polling this bot token. Stop the other bot (or webhook) first.',
        )
        shutdown('polling conflict', EXIT.pollingRefused)
      } else if (code === 401) {
        logger.error(
          { err: error },
          'Telegram rejected the bot token (401): check TELEGRAM_BOT_TOKEN with @BotFather.',
        )
        shutdown('token rejected', EXIT.pollingRefused)
      } else {
        logger.error({ err: error }, 'polling Telegram failed')
        shutdown('polling failed', EXIT.failed)
      }
    },
  )
}
