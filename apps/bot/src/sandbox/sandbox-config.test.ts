import { expect, test } from 'vitest'
import { parseConfig } from '../config/env.js'

const valid = {
  TELEGRAM_BOT_TOKEN: '123456789:AAEabcdefghijklmnopqrstuvwxyz012345',
  SWITCHBOARD_ALLOWED_USERS: '111',
}

test('SWITCHBOARD_SANDBOX defaults to auto; SWITCHBOARD_PRIVATE_PATHS to the built-in list', () => {
  const result = parseConfig(valid)
  expect(result.ok && result.config.SWITCHBOARD_SANDBOX).toBe('auto')
  expect(result.ok && result.config.SWITCHBOARD_PRIVATE_PATHS).toBeUndefined()
})

test('SWITCHBOARD_PRIVATE_PATHS: comma-separated, absolute or ~/', () => {
  const result = parseConfig({ ...valid, SWITCHBOARD_PRIVATE_PATHS: '~/.ssh, /srv/keys' })
  expect(result.ok && result.config.SWITCHBOARD_PRIVATE_PATHS).toEqual(['~/.ssh', '/srv/keys'])
})

test.each([
  [{ SWITCHBOARD_SANDBOX: 'maybe' }, /^SWITCHBOARD_SANDBOX: expected "auto".*"required".*"off"/],
  [{ SWITCHBOARD_PRIVATE_PATHS: '~/.ssh,keys' }, /^SWITCHBOARD_PRIVATE_PATHS: .*"keys"/],
])('%j is refused with one line naming the variable', (env, message) => {
  const result = parseConfig({ ...valid, ...env })
  expect(result.ok ? '' : result.message).toMatch(message)
})
