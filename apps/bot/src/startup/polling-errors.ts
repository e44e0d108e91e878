import type { Logger } from '../logging/logger.js'
import { type PollingRefusal, PollingRefusedError } from '../telegram/errors.js'
import { EXIT } from './exit-codes.js'

/** What the operator reads (log and stderr) when Telegram won't let this bot poll. */
export const REFUSAL_TEXT: Record<PollingRefusal, string> = {
  conflict:
    'another bot is already polling this bot token (409 Conflict). It was running first, so it keeps running and this one stops. Stop the other bot first, or give this one its own token.',
  webhook:
    'a webhook is set for this bot token (409 Conflict: getUpdates is not allowed while a webhook is active). Remove whatever set it (or call deleteWebhook), then start the bot again.',
  token: 'Telegram rejected the bot token (401): check TELEGRAM_BOT_TOKEN with @BotFather.',
  refused: 'Telegram refused polling; see the error above.',
}

/**
 * The poller's run() settles when polling ends. Ending by our own stop() is normal; a refusal is
 * fatal: one log line, the same sentence on stderr (no chat message), exit 2. Anything else exits 1.
 */
export function watchPolling(
  polling: Promise<void>,
  logger: Logger,
  shutdown: (reason: string, code: number) => void,
): void {
  polling.then(
    () => undefined,
    (error: unknown) => {
      if (error instanceof PollingRefusedError) {
        const text = REFUSAL_TEXT[error.reason]
        logger.error({ err: error.cause }, text)
        console.error(`switchboard: ${text}`)
        shutdown(`polling refused (${error.reason})`, EXIT.pollingRefused)
        return
      }
      logger.error({ err: error }, 'polling Telegram failed')
      shutdown('polling failed', EXIT.failed)
    },
  )
}
