import {
  DirectoryNotAllowedError,
  InvalidDirectoryError,
  InvalidNameError,
  PersonaNotFoundError,
  SessionExistsError,
  SessionLimitError,
  SessionNotFoundError,
} from '@switchboard/core'
import { CliNotFoundError } from '@switchboard/process'
import { expect, test } from 'vitest'
import { GetFileError } from '../files/get-file.js'
import { describeError, isUserError } from './describe-error.js'

test('core and process errors map to replies that say what to do', () => {
  expect(describeError(new SessionNotFoundError('1', 'x'))).toBe(
    'No session named <b>x</b>. /sessions lists yours.',
  )
  expect(describeError(new SessionExistsError('1', 'x'))).toContain('/switch x')
  expect(describeError(new InvalidNameError('A B', 'nope'))).toMatch(
    /^That name doesn’t work: use 1-64/,
  )
  expect(describeError(new PersonaNotFoundError('p', ['default', 'research']))).toContain(
    'Available: default, research.',
  )
  expect(describeError(new DirectoryNotAllowedError('/x', ['/home/me']))).toContain(
    'SWITCHBOARD_PROJECT_ROOTS',
  )
  expect(describeError(new CliNotFoundError('/opt/claude'))).toBe(
    'Claude Code was not found at <code>/opt/claude</code>: install it (<code>npm i -g @anthropic-ai/claude-code</code>) or set SWITCHBOARD_CLAUDE_PATH.',
  )
})

test('user input inside a reply is escaped', () => {
  expect(describeError(new SessionNotFoundError('1', '<b>&'))).toBe(
    'No session named <b>&lt;b&gt;&amp;</b>. /sessions lists yours.',
  )
  expect(describeError(new GetFileError('outside', '<x> is outside'))).toBe('&lt;x&gt; is outside')
})

test('the session limit says what to do', () => {
  expect(describeError(new SessionLimitError('1', 100))).toBe(
    'You have 100 sessions, the limit; /delete some or raise SWITCHBOARD_MAX_SESSIONS.',
  )
  expect(isUserError(new SessionLimitError('1', 100))).toBe(true)
})

test('quoted input is a bounded excerpt, so Telegram never refuses the reply for length', () => {
  const huge = '<'.repeat(5_000)
  const replies = [
    describeError(new SessionNotFoundError('1', huge)),
    describeError(
      new PersonaNotFoundError(
        huge,
        Array.from({ length: 500 }, () => huge),
      ),
    ),
    describeError(new InvalidDirectoryError(`/${huge}`, huge)),
    describeError(new DirectoryNotAllowedError(`/${huge}`, [huge, huge])),
    describeError(new GetFileError('outside', huge)),
  ]
  for (const reply of replies) {
    expect(reply.replaceAll('&lt;', '<').length).toBeLessThan(4096)
    expect(reply).toContain('…')
  }
})

test('anything else gets the generic line, without details', () => {
  const reply = describeError(new Error('EACCES /secret/path'))
  expect(reply).toBe(
    'Something went wrong. Please try again; if it persists, check the bot’s logs.',
  )
  expect(describeError('boom')).toBe(reply)
  expect(isUserError(new SessionNotFoundError('1', 'x'))).toBe(true)
  expect(isUserError(new Error('x'))).toBe(false)
})
