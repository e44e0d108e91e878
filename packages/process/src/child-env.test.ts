import { expect, test } from 'vitest'
import { buildChildEnv } from './child-env.js'

const parent = {
  PATH: '/usr/bin',
  HOME: '/home/u',
  LANG: 'C.UTF-8',
  LC_ALL: 'C',
  XDG_CONFIG_HOME: '/home/u/.config',
  HTTPS_PROXY: 'http://proxy',
  no_proxy: 'localhost',
  ANTHROPIC_API_KEY: 'sk-test',
  CLAUDE_CONFIG_DIR: '/c',
  CLAUDECODE: '1',
  DISABLE_TELEMETRY: '1',
  MCP_TIMEOUT: '5',
  IS_SANDBOX: '1',
  AWS_REGION: 'us-east-1',
  GOOGLE_APPLICATION_CREDENTIALS: '/g.json',
  CLOUD_ML_REGION: 'us-east5',
  TELEGRAM_BOT_TOKEN: '123:secret',
  SWITCHBOARD_DATA_DIR: '/data',
  DATABASE_URL: 'postgres://secret',
  NODE_OPTIONS: '--inspect',
  SECRET: 'x',
}

test('passes the allow-list and nothing else', () => {
  const env = buildChildEnv(parent)
  expect(Object.keys(env).sort()).toEqual(
    [
      'PATH',
      'HOME',
      'LANG',
      'LC_ALL',
      'XDG_CONFIG_HOME',
      'HTTPS_PROXY',
      'no_proxy',
      'ANTHROPIC_API_KEY',
      'CLAUDE_CONFIG_DIR',
      'CLAUDECODE',
      'DISABLE_TELEMETRY',
      'MCP_TIMEOUT',
      'IS_SANDBOX',
      'AWS_REGION',
      'GOOGLE_APPLICATION_CREDENTIALS',
      'CLOUD_ML_REGION',
      'NPM_CONFIG_UPDATE_NOTIFIER',
      'NO_UPDATE_NOTIFIER',
    ].sort(),
  )
  expect(env.ANTHROPIC_API_KEY).toBe('sk-test')
})

test('the bot token never passes, not even through extra', () => {
  const env = buildChildEnv(parent, {
    extra: { TELEGRAM_BOT_TOKEN: 'again', telegram_bot_token: 'lower', SWITCHBOARD_X: '1' },
  })
  expect(JSON.stringify(env)).not.toContain('secret')
  expect(Object.keys(env).some((k) => /telegram|switchboard/i.test(k))).toBe(false)
})

test('extra adds variables; deny removes names and prefixes, and wins over both', () => {
  const env = buildChildEnv(parent, {
    extra: { FOO: 'bar', AWS_SECRET_ACCESS_KEY: 'k' },
    deny: ['ANTHROPIC_API_KEY', 'AWS_*'],
  })
  expect(env.FOO).toBe('bar')
  expect(env.ANTHROPIC_API_KEY).toBeUndefined()
  expect(env.AWS_REGION).toBeUndefined()
  expect(env.AWS_SECRET_ACCESS_KEY).toBeUndefined()
})

test('undefined values are skipped', () => {
  expect(buildChildEnv({ PATH: undefined, HOME: '/h' }).HOME).toBe('/h')
  expect(buildChildEnv({ PATH: undefined, HOME: '/h' })).not.toHaveProperty('PATH')
})

test("update checks are off by default (in the sandbox each is a network prompt); the parent's don't pass", () => {
  const env = buildChildEnv({ ...parent, npm_config_update_notifier: 'true' })
  expect(env).toMatchObject({ NPM_CONFIG_UPDATE_NOTIFIER: 'false', NO_UPDATE_NOTIFIER: '1' })
  expect(env).not.toHaveProperty('npm_config_update_notifier')
  expect(buildChildEnv(parent, { deny: ['NO_UPDATE_NOTIFIER'] })).not.toHaveProperty(
    'NO_UPDATE_NOTIFIER',
  )
})
