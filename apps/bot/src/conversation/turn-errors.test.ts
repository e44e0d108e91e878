import { ProcessError, type TurnResult, TurnStoppedError } from '@switchboard/process'
import { expect, test } from 'vitest'
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
