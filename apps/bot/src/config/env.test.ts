import { describe, expect, test } from 'vitest'
import { parseDuration } from './duration.js'
import { parseConfig } from './env.js'

const valid = {
  TELEGRAM_BOT_TOKEN: '123456789:AAEabcdefghijklmnopqrstuvwxyz012345',
  SWITCHBOARD_ALLOWED_USERS: '111, 222',
}

describe('parseConfig', () => {
  test('applies defaults', () => {
    const result = parseConfig(valid)
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect([...result.config.SWITCHBOARD_ALLOWED_USERS]).toEqual([111, 222])
    expect(result.config.SWITCHBOARD_CLAUDE_PATH).toBe('claude')
    expect(result.config.SWITCHBOARD_MAX_LIVE).toBe(4)
    expect(result.config.SWITCHBOARD_IDLE_TIMEOUT).toBe(30 * 60_000)
    expect(result.config.SWITCHBOARD_STALL_TIMEOUT).toBe(5 * 60_000)
    expect(result.config.SWITCHBOARD_PROJECT_ROOTS).toEqual([])
    expect(result.config.SWITCHBOARD_STREAM_MODE).toBe('draft')
    expect(result.config.SWITCHBOARD_MAX_QUEUE).toBe(20)
    expect(result.config.SWITCHBOARD_MAX_SESSIONS).toBe(100)
    expect(result.config.SWITCHBOARD_ALLOW_BYPASS).toBe(false)
  })

  test.each([
    // A missing token is reported once its file sources are checked too (startup/credentials.ts).
    [{ TELEGRAM_BOT_TOKEN: 'nope' }, /^TELEGRAM_BOT_TOKEN: expected a bot token/],
    [{ SWITCHBOARD_ALLOWED_USERS: '' }, /^SWITCHBOARD_ALLOWED_USERS: is required/],
    [{ SWITCHBOARD_ALLOWED_USERS: '12,bob' }, /^SWITCHBOARD_ALLOWED_USERS: .*"bob"/],
    [{ SWITCHBOARD_MAX_LIVE: 'many' }, /^SWITCHBOARD_MAX_LIVE: /],
    [{ SWITCHBOARD_MAX_LIVE: '0' }, /^SWITCHBOARD_MAX_LIVE: expected a whole number .*1-64/],
    [{ SWITCHBOARD_MAX_QUEUE: '0' }, /^SWITCHBOARD_MAX_QUEUE: expected a whole number of messages/],
    [{ SWITCHBOARD_MAX_SESSIONS: '1.5' }, /^SWITCHBOARD_MAX_SESSIONS: expected a whole number/],
    [{ SWITCHBOARD_IDLE_TIMEOUT: 'soon' }, /^SWITCHBOARD_IDLE_TIMEOUT: expected a duration/],
    [{ SWITCHBOARD_STALL_TIMEOUT: '500ms' }, /^SWITCHBOARD_STALL_TIMEOUT: expected a duration/],
    [{ SWITCHBOARD_PROJECT_ROOTS: '/srv,projects' }, /^SWITCHBOARD_PROJECT_ROOTS: .*"projects"/],
    [{ SWITCHBOARD_DATA_DIR: 'relative/dir' }, /^SWITCHBOARD_DATA_DIR: expected an absolute/],
    [{ TELEGRAM_API_ROOT: 'ftp://x' }, /^TELEGRAM_API_ROOT: expected an http\(s\) URL/],
    [{ LOG_LEVEL: 'loud' }, /^LOG_LEVEL: expected one of/],
    [{ SWITCHBOARD_ALLOW_BYPASS: 'yes' }, /^SWITCHBOARD_ALLOW_BYPASS: expected 1 /],
    [{ CREDENTIALS_DIRECTORY: 'creds' }, /^CREDENTIALS_DIRECTORY: expected the absolute path/],
  ])('rejects %j with one clear line', (patch, message) => {
    const result = parseConfig({ ...valid, ...patch })
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.message).toMatch(message)
    expect(result.message).not.toContain('\n')
  })
})

test('every bad variable is reported at once, each saying what to do', () => {
  const result = parseConfig({
    TELEGRAM_BOT_TOKEN: 'nope',
    SWITCHBOARD_MAX_LIVE: 'many',
    SWITCHBOARD_IDLE_TIMEOUT: 'soon',
    LOG_LEVEL: 'loud',
    SWITCHBOARD_LOG_FORMAT: 'xml',
  })
  expect(result.ok).toBe(false)
  if (result.ok) return
  expect(result.problems.map((p) => p.variable)).toEqual([
    'TELEGRAM_BOT_TOKEN',
    'LOG_LEVEL',
    'SWITCHBOARD_LOG_FORMAT',
    'SWITCHBOARD_ALLOWED_USERS',
    'SWITCHBOARD_MAX_LIVE',
    'SWITCHBOARD_IDLE_TIMEOUT',
  ])
  expect(result.message.split('\n')).toHaveLength(6)
  // What to do: copy the token again, where to find ids, what an empty value gives.
  expect(result.problems.map((p) => p.message)).toEqual([
    expect.stringContaining('copy it again'),
    expect.stringContaining('leave it empty for info'),
    expect.stringContaining('"pretty"'),
    expect.stringContaining('@userinfobot'),
    expect.stringContaining('leave it empty for the default, 4'),
    expect.stringContaining('leave it empty for the default, 30m'),
  ])
})

test.each([
  ['90', 90_000],
  ['90s', 90_000],
  ['15m', 900_000],
  ['2h', 7_200_000],
  ['500ms', 500],
  ['1.5m', 90_000],
  ['x', undefined],
  ['-1s', undefined],
])('parseDuration(%j) = %j', (input, expected) => {
  expect(parseDuration(input)).toBe(expected)
})
