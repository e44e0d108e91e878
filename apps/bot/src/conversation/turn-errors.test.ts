import { ProcessError, TurnStoppedError } from '@switchboard/process'
import { expect, test } from 'vitest'
import { describeTurnFailure, isStoppedTurn } from './turn-errors.js'

test('a turn the pool stopped by killing its process reads as stopped, with why when it was silent', () => {
  const byUser = new TurnStoppedError('stop', 2000)
  expect(describeTurnFailure(byUser, 'claude')).toBe('⏹ Stopped.')
  expect(isStoppedTurn(undefined, byUser)).toBe(true)
  expect(describeTurnFailure(new TurnStoppedError('stalled', 15 * 60_000), 'claude')).toBe(
    'Stopped: Claude Code gave no output for 15 min, so the bot ended it. Your session is intact; send your message again to resume.',
  )
  expect(isStoppedTurn(undefined, new ProcessError('PROCESS_EXITED', 'crash'))).toBe(false)
})
