import { PersonaBypassRefusedError, ProtectedDirectoryError } from '@switchboard/core'
import { expect, test } from 'vitest'
import { describeError, isUserError } from './describe-error.js'

test('a protected directory: what it is, why, and how to set the roots', () => {
  const root = new ProtectedDirectoryError('/', '/', 'broad', 'is', false)
  expect(describeError(root)).toBe(
    'Can’t bind a session to <code>/</code>: it is the root of the filesystem, too broad for a session. To choose which directories sessions may use, the bot’s owner sets SWITCHBOARD_PROJECT_ROOTS (comma-separated absolute paths, e.g. <code>/home/me/projects</code>) and restarts the bot.',
  )
  const around = new ProtectedDirectoryError('/srv', '/srv/bot', 'private', 'contains', true)
  expect(describeError(around)).toBe(
    'Can’t bind a session to <code>/srv</code>: it contains the bot’s own checkout (<code>/srv/bot</code>), where Claude could change the bot itself. Pick a project directory of its own.',
  )
  expect(isUserError(around)).toBe(true)
})

test('a bypass persona: the file, the way back, and the opt-in', () => {
  const session = new PersonaBypassRefusedError('/d/sessions/1/x/persona.json')
  expect(describeError(session)).toContain(
    '<code>/d/sessions/1/x/persona.json</code> sets permissionMode <b>bypassPermissions</b>',
  )
  expect(describeError(session)).toContain('Send /mode default')
  const library = new PersonaBypassRefusedError('/d/personas/yolo.json')
  expect(describeError(library)).toContain('Remove the setting from that file')
  expect(describeError(library)).toContain('SWITCHBOARD_ALLOW_BYPASS=1')
})
