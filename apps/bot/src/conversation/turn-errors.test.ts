import {
  CliCommandUnknownError,
  ProcessError,
  type TurnResult,
  TurnStoppedError,
} from '@switchboard/process'
import { expect, test, vi } from 'vitest'
import { LOST_CONVERSATION_TEXT } from '../errors/lost-conversation.js'
import {
  describeResultError,
  describeTurnFailure,
  INTERRUPTED_SUBTYPE,
  isStoppedTurn,
} from './turn-errors.js'

test('a turn the pool stopped by killing its process reads as stopped, with why when it was silent', () => {
  const byUser = new TurnStoppedError('stop', 2000)
  expect(describeTurnFailure(byUser, 'claude')).toBe('⏹ Stopped.')
  expect(isStoppedTurn(undefined, byUser)).toBe(true)
  expect(describeTurnFailure(new TurnStoppedError('stalled', 15 * 60_000), 'claude')).toBe(
    'Stopped: Claude Code gave no output for 15 min, so the bot ended it. Your session is intact; send your message again to resume.',
  )
  expect(isStoppedTurn(undefined, new ProcessError('PROCESS_EXITED', 'crash'))).toBe(false)
})

test('an interrupted result nobody asked for is an error with the CLI’s words, never its diagnostics', () => {
  const result = {
    subtype: INTERRUPTED_SUBTYPE,
    isError: true,
    text: undefined,
    errors: ['Unexpected failure [ede_diagnostic] result_type=user last_content_type=n/a'],
  } as unknown as TurnResult
  expect(isStoppedTurn(result, undefined, true)).toBe(true)
  expect(isStoppedTurn(result, undefined, false)).toBe(false)
  const text = describeResultError(result) ?? ''
  expect(text).toContain('Unexpected failure')
  expect(text).not.toContain('ede_diagnostic')
})

const failed = (fields: Partial<TurnResult>) =>
  ({ subtype: 'success', isError: true, text: undefined, errors: [], ...fields }) as TurnResult

test('a 401/403 (as the CLI reports it: api_error_status) says where to fix the key or login', () => {
  const report = vi.fn(() => 'abc123')
  const text =
    describeResultError(
      failed({ text: 'Invalid API key · Fix external API key', apiErrorStatus: 401 }),
      {},
      report,
    ) ?? ''
  expect(text).toContain("Claude's API refused its credentials (401)")
  expect(text).toContain('ANTHROPIC_API_KEY')
  expect(text).toContain('/login')
  expect(text).toContain('(ref abc123)')
  expect(text).not.toContain('Fix external API key') // the CLI's words are in the log
  expect(report).toHaveBeenCalledWith(
    { status: 401, cli: 'Invalid API key · Fix external API key' },
    expect.any(String),
  )
  const forbidden = failed({
    text: 'Failed to authenticate. API Error: 403 nope',
    apiErrorStatus: 403,
  })
  expect(describeResultError(forbidden)).toContain('denied access (403)')
})

test('a lost conversation says so, whatever the subtype', () => {
  const lost = failed({
    subtype: INTERRUPTED_SUBTYPE,
    errors: ['No conversation found with session ID: 1111-2222'],
  })
  expect(isStoppedTurn(lost, undefined, false)).toBe(false)
  expect(describeResultError(lost)).toBe(LOST_CONVERSATION_TEXT)
})

test('failures name a log reference instead of the exception or stderr', () => {
  const text = describeTurnFailure(new Error('EACCES /secret/path at x.js:1'), 'claude')
  expect(text).toMatch(/^Something went wrong while running your message \(ref [0-9a-f]{6}\)\./)
  expect(text).not.toContain('secret')
})

test('a lost conversation as the CLI reports it when it starts: exit 1 with the words on stderr', () => {
  const exited = Object.assign(new ProcessError('PROCESS_EXITED', 'exited with code 1'), {
    exitCode: 1,
    stderrTail: ['No conversation found with session ID: 581c8dad'],
  })
  expect(describeTurnFailure(exited, 'claude')).toBe(LOST_CONVERSATION_TEXT)
})

test('no key and no login (the CLI says "Please run /login"): what to do on the machine, not on the phone', () => {
  const text = describeResultError(failed({ text: 'Not logged in · Please run /login' })) ?? ''
  expect(text).toMatch(/^Claude Code on the bot's machine has no API key and is not logged in/)
  expect(text).toContain('ANTHROPIC_API_KEY')
  expect(text).not.toContain('Please run')
})

test('a remembered Claude Code command its process no longer has: named, with where to look', () => {
  expect(describeTurnFailure(new CliCommandUnknownError('review-pr'), 'claude')).toBe(
    'Claude Code no longer has the command /review-pr in this session (was its command file removed or renamed?), so nothing was sent to Claude. /help lists the commands it has now.',
  )
})
