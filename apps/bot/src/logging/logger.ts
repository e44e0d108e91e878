import { type DestinationStream, type Logger, pino } from 'pino'

export type { Logger } from 'pino'

export interface LoggerOptions {
  level: string
  /** Strings that must never appear in a log line (the bot token): replaced in the final output. */
  secrets: readonly string[]
  destination?: DestinationStream
}

/**
 * JSON logger (pino). Secrets are scrubbed from every serialized line, not from chosen fields only:
 * Telegraf's network errors carry the request URL, which contains the bot token.
 */
export function createLogger(options: LoggerOptions): Logger {
  const secrets = options.secrets.filter((secret) => secret.length >= 8)
  return pino(
    {
      level: options.level,
      base: { app: 'switchboard' },
      hooks: {
        streamWrite: (line) =>
          secrets.reduce((text, secret) => text.replaceAll(secret, '[redacted]'), line),
      },
    },
    options.destination ?? pino.destination({ dest: 2, sync: false }),
  )
}
