import type { BotConfig } from '../config/env.js'
import { resolveLogFormat } from '../logging/log-format.js'
import { createLogger, type Logger } from '../logging/logger.js'
import { paintFor } from '../logging/pretty-line.js'
import { shouldRetryLater } from '../telegram/classify-error.js'

/**
 * The bot's logger on stderr: pretty on a terminal, JSON otherwise (SWITCHBOARD_LOG_FORMAT forces
 * either). Failures that are retried anyway (network, timeouts, 5xx, 429) log without a stack.
 */
export function createBotLogger(
  config: Pick<BotConfig, 'LOG_LEVEL' | 'SWITCHBOARD_LOG_FORMAT'>,
  secrets: readonly string[],
): Logger {
  const stream = process.stderr
  return createLogger({
    level: config.LOG_LEVEL,
    secrets,
    format: resolveLogFormat(config.SWITCHBOARD_LOG_FORMAT, stream.isTTY),
    paint: paintFor(stream),
    isExpected: shouldRetryLater,
  })
}
