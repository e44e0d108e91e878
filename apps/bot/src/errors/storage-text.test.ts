import { ProjectDirMissingError } from '@switchboard/core'
import { SessionLoadError } from '@switchboard/process'
import { expect, test } from 'vitest'
import { describeTurnFailure } from '../conversation/turn-errors.js'
import { describeError } from './describe-error.js'

function errno(code: string, path: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: failed, open '${path}'`), {
    code,
    path,
    syscall: 'open',
  })
}

const file = '/home/me/.local/share/switchboard/sessions/1/abc/metadata.json'

test('disk full, permission and read-only errors say what they are, where, and what to do', () => {
  const full = describeError(errno('ENOSPC', file))
  expect(full).toContain('disk is full (ENOSPC)')
  expect(full).toContain(`<code>${file}</code>`)
  expect(full).toContain('Free space on the disk that holds')
  expect(describeError(errno('EDQUOT', file))).toContain('disk is full (EDQUOT)')
  expect(describeError(errno('EACCES', file))).toContain(
    `Permission denied (EACCES) on <code>${file}</code>`,
  )
  expect(describeError(errno('EPERM', file))).toContain('chown/chmod')
  expect(describeError(errno('EROFS', file))).toContain('read-only (EROFS)')
  // Internals (the errno message, a stack) stay in the log.
  expect(full).not.toContain('failed, open')
})

test('a turn that failed on a full disk or a missing project dir says so instead of "send it again"', () => {
  const loadFailed = new SessionLoadError('1', 'abc', errno('ENOSPC', file))
  const text = describeTurnFailure(loadFailed, 'claude')
  expect(text).toContain('disk is full (ENOSPC)')
  expect(text).not.toContain('<code>') // turn outcomes are plain text
  const missing = new SessionLoadError('1', 'abc', new ProjectDirMissingError('/src/app', 'abc'))
  expect(describeTurnFailure(missing, 'claude')).toBe(
    'This session’s project directory /src/app is missing, so Claude Code can’t run in it. Restore the directory (or remount its disk) and send your message again, or /delete the session.',
  )
  expect(describeError(new ProjectDirMissingError('/src/app', 'abc'))).toContain(
    '<code>/src/app</code>',
  )
})
