import { expect, test } from 'vitest'
import { TelegramNetworkError } from '../telegram/errors.js'
import { createLogger, type LogFormat } from './logger.js'

const token = '123456789:AAEsecretsecretsecretsecret'

function capture(format: LogFormat, isExpected?: (error: unknown) => boolean) {
  const lines: string[] = []
  const logger = createLogger({
    level: 'debug',
    secrets: [token, 'quote"d\\secret'],
    format,
    isExpected,
    destination: { write: (line: string) => void lines.push(line) },
  })
  return { logger, lines }
}

test.each(['json', 'pretty'] as const)(
  'the bot token never reaches a log line, wherever it hides (%s)',
  (format) => {
    const { logger, lines } = capture(format)
    const networkError = new Error(
      `request to https://api.telegram.org/bot${token}/getUpdates failed`,
    )
    logger.error({ err: networkError, url: `/bot${token}/x` }, `failed with ${token}`)
    logger.warn({ file: 'a quote"d\\secret here' }, 'escaped in JSON')
    expect(lines).toHaveLength(2)
    expect(lines.join('')).not.toContain('AAEsecret')
    expect(lines.join('')).not.toContain('d\\secret')
    expect(lines.join('')).not.toContain('d\\\\secret')
    expect(lines[0]).toContain('[redacted]')
  },
)

test('json: one JSON object per line, an unexpected error with its stack', () => {
  const { logger, lines } = capture('json')
  logger.error({ err: new TypeError('boom') }, 'failed')
  expect(JSON.parse(lines[0] ?? '')).toMatchObject({
    level: 50,
    msg: 'failed',
    err: { type: 'TypeError', message: 'boom', stack: expect.stringContaining('at ') },
  })
})

test('an expected failure (a retry) is logged without a stack, in both formats', () => {
  const expected = (error: unknown) => error instanceof TelegramNetworkError
  const retry = new TelegramNetworkError('getMe', new Error('connect ECONNREFUSED'))
  const json = capture('json', expected)
  json.logger.warn({ err: retry, delayMs: 2000 }, 'retrying a Telegram call')
  expect(JSON.parse(json.lines[0] ?? '').err).toEqual({
    type: 'TelegramNetworkError',
    message: 'getMe failed: connect ECONNREFUSED',
    code: 'TELEGRAM_NETWORK_ERROR',
  })
  const pretty = capture('pretty', expected)
  pretty.logger.warn({ err: retry, delayMs: 2000 }, 'retrying a Telegram call')
  expect(pretty.lines).toEqual([
    expect.stringMatching(
      /^\d\d:\d\d:\d\d WARN {2}retrying a Telegram call delayMs=2000 err="TelegramNetworkError: getMe failed: connect ECONNREFUSED \(TELEGRAM_NETWORK_ERROR\)"\n$/,
    ),
  ])
})

test('pretty: one line per event, whatever the message and fields hold', () => {
  const { logger, lines } = capture('pretty')
  logger.child({ component: 'pool' }).info({ sessions: 2, dir: '/tmp/a b' }, 'two\nlines')
  logger.error({ err: new TypeError('boom') }, 'failed')
  expect(lines).toHaveLength(2)
  for (const line of lines) expect(line.trimEnd()).not.toContain('\n')
  expect(lines[0]).toMatch(
    /^\d\d:\d\d:\d\d INFO {2}two ⏎ lines component=pool sessions=2 dir="\/tmp\/a b"\n$/,
  )
  // An unexpected error: its type, message and where it was thrown, still on the one line.
  expect(lines[1]).toMatch(/ERROR failed err="TypeError: boom at .*logger\.test\.ts:\d+:\d+/)
})
