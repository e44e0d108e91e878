import { type DestinationStream, type Logger, pino } from 'pino'
import { errSerializer } from './brief-error.js'
import { type Paint, prettyLine } from './pretty-line.js'
import { secretScrubber } from './scrub.js'

export type { Logger } from 'pino'

/** JSON lines (for journald, files, log shippers) or one readable line per event (a terminal). */
export type LogFormat = 'json' | 'pretty'

export interface LoggerOptions {
  level: string
  /** Strings that must never appear in a log line (the bot token): replaced in the final output. */
  secrets: readonly string[]
  /** Default json. */
  format?: LogFormat
  /** Colours for the pretty format (default none). */
  paint?: Paint
  /** Errors logged without their stack (expected failures, e.g. a network error being retried). */
  isExpected?: (error: unknown) => boolean
  destination?: DestinationStream
}

/**
 * pino logger. Secrets are scrubbed from every serialized line, not from chosen fields only:
 * Telegraf's network errors carry the request URL, which contains the bot token. The pretty format
 * is made from the scrubbed JSON line and scrubbed again once formatted.
 */
export function createLogger(options: LoggerOptions): Logger {
  const scrub = secretScrubber(options.secrets)
  const out = options.destination ?? pino.destination({ dest: 2, sync: false })
  const isExpected = options.isExpected ?? (() => false)
  return pino(
    {
      level: options.level,
      base: { app: 'switchboard' },
      serializers: { err: errSerializer(isExpected) },
      hooks: { streamWrite: scrub },
    },
    options.format === 'pretty' ? prettyDestination(out, scrub, options.paint) : out,
  )
}

/** Turns each JSON line pino writes into one pretty line on `out`. */
function prettyDestination(
  out: DestinationStream,
  scrub: (text: string) => string,
  paint?: Paint,
): DestinationStream {
  return {
    write(line: string) {
      let record: Record<string, unknown>
      try {
        record = JSON.parse(line)
      } catch {
        return void out.write(line) // never lose a line
      }
      out.write(`${scrub(prettyLine(record, paint))}\n`)
    },
  }
}
