import { chmod, mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { makeTempDir } from '@switchboard/test-utils'
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { parseConfig } from '../config/env.js'
import { loadConfig } from './load-config.js'

const TOKEN = '123456789:AAEabcdefghijklmnopqrstuvwxyz012345'
const OTHER = '987654321:AAEzyxwvutsrqponmlkjihgfedcba543210'
const base = { SWITCHBOARD_ALLOWED_USERS: '111' }

let dir: Awaited<ReturnType<typeof makeTempDir>>
let credentials: string
beforeEach(async () => {
  dir = await makeTempDir('bot-credentials')
  credentials = join(dir.path, 'credentials')
  await mkdir(credentials)
})
afterEach(() => dir.cleanup())

async function secretFile(name: string, content: string, mode = 0o600): Promise<string> {
  const path = join(dir.path, name)
  await writeFile(path, content)
  await chmod(path, mode)
  return path
}

async function load(env: Record<string, string | undefined>) {
  return loadConfig({ ...base, ...env })
}

describe('the bot token', () => {
  test('comes from TELEGRAM_BOT_TOKEN, as before', async () => {
    expect(await load({ TELEGRAM_BOT_TOKEN: TOKEN })).toMatchObject({
      ok: true,
      config: { TELEGRAM_BOT_TOKEN: TOKEN },
      tokenSource: 'TELEGRAM_BOT_TOKEN',
      warnings: [],
    })
  })

  test('comes from TELEGRAM_BOT_TOKEN_FILE (trailing newline dropped)', async () => {
    const path = await secretFile('token', `${TOKEN}\n`)
    expect(await load({ TELEGRAM_BOT_TOKEN_FILE: path })).toMatchObject({
      ok: true,
      config: { TELEGRAM_BOT_TOKEN: TOKEN },
      tokenSource: 'TELEGRAM_BOT_TOKEN_FILE',
      warnings: [],
    })
  })

  test('comes from the systemd credential telegram-bot-token', async () => {
    await writeFile(join(credentials, 'telegram-bot-token'), TOKEN)
    expect(await load({ CREDENTIALS_DIRECTORY: credentials })).toMatchObject({
      ok: true,
      config: { TELEGRAM_BOT_TOKEN: TOKEN },
      tokenSource: 'credential',
    })
  })

  test('warns when the token file is readable by group or others', async () => {
    const path = await secretFile('token', TOKEN, 0o644)
    const loaded = await load({ TELEGRAM_BOT_TOKEN_FILE: path })
    expect(loaded).toMatchObject({
      ok: true,
      warnings: [
        `TELEGRAM_BOT_TOKEN_FILE: ${path} is readable by group or others (mode 0644); chmod 600 it`,
      ],
    })
  })

  test.each([
    [
      'missing',
      async () => join(dir.path, 'nope'),
      /^TELEGRAM_BOT_TOKEN_FILE: \/.*\/nope does not exist: put just the token there/,
    ],
    ['a directory', async () => dir.path, /^TELEGRAM_BOT_TOKEN_FILE: .* is not a regular file: /],
    ['empty', () => secretFile('empty', '\n'), /^TELEGRAM_BOT_TOKEN_FILE: .*\/empty is empty: /],
    [
      'not a token',
      () => secretFile('bad', 'hunter2-secret-value'),
      /^TELEGRAM_BOT_TOKEN_FILE: .*\/bad does not hold a bot token like 123456789:AAE…/,
    ],
    [
      'huge',
      () => secretFile('huge', 'x'.repeat(10_000)),
      /is 10000 bytes; expected just the secret: put just the token there/,
    ],
  ])('names TELEGRAM_BOT_TOKEN_FILE when the file is %s', async (_label, make, expected) => {
    const loaded = await load({ TELEGRAM_BOT_TOKEN_FILE: await make() })
    expect(loaded.ok).toBe(false)
    if (loaded.ok) return
    expect(loaded.message).toMatch(expected)
    expect(loaded.message).not.toContain('hunter2')
  })

  test('names TELEGRAM_BOT_TOKEN_FILE when the file is unreadable', async () => {
    if (process.getuid?.() === 0) return // root reads any file
    const path = await secretFile('locked', TOKEN, 0o000)
    const loaded = await load({ TELEGRAM_BOT_TOKEN_FILE: path })
    expect(loaded).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^TELEGRAM_BOT_TOKEN_FILE: cannot read .*permission denied/),
    })
  })

  test('names the credential when it holds no token', async () => {
    await writeFile(join(credentials, 'telegram-bot-token'), 'nonsense')
    expect(await load({ CREDENTIALS_DIRECTORY: credentials })).toMatchObject({
      ok: false,
      message: expect.stringMatching(
        /^CREDENTIALS_DIRECTORY: .*telegram-bot-token does not hold a bot token/,
      ),
    })
  })

  test.each([
    [
      { TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_BOT_TOKEN_FILE: 'file' },
      /^TELEGRAM_BOT_TOKEN: the token is also given by TELEGRAM_BOT_TOKEN_FILE; give the token one way only/,
    ],
    [
      { TELEGRAM_BOT_TOKEN: TOKEN, CREDENTIALS_DIRECTORY: 'creds' },
      /^TELEGRAM_BOT_TOKEN: the token is also given by CREDENTIALS_DIRECTORY \(credential telegram-bot-token\)/,
    ],
    [
      { TELEGRAM_BOT_TOKEN_FILE: 'file', CREDENTIALS_DIRECTORY: 'creds' },
      /^TELEGRAM_BOT_TOKEN_FILE: the token is also given by CREDENTIALS_DIRECTORY/,
    ],
  ])('refuses two sources at once (%j)', async (env, expected) => {
    await writeFile(join(credentials, 'telegram-bot-token'), OTHER)
    const path = await secretFile('token', TOKEN)
    const resolved = Object.fromEntries(
      Object.entries(env).map(([k, v]) => [
        k,
        v === 'file' ? path : v === 'creds' ? credentials : v,
      ]),
    )
    expect(await load(resolved)).toMatchObject({
      ok: false,
      message: expect.stringMatching(expected),
    })
  })

  test('is required from one of the sources; a credentials dir without it is no source', async () => {
    expect(await load({ CREDENTIALS_DIRECTORY: credentials })).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^TELEGRAM_BOT_TOKEN: is required: .*TELEGRAM_BOT_TOKEN_FILE/),
    })
  })

  test('a relative TELEGRAM_BOT_TOKEN_FILE is refused by the config check', () => {
    expect(parseConfig({ ...base, TELEGRAM_BOT_TOKEN_FILE: 'token.txt' })).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^TELEGRAM_BOT_TOKEN_FILE: expected the absolute path/),
    })
  })
})

describe('ANTHROPIC_API_KEY as a credential', () => {
  test('is read for Claude Code only, and never together with the variable', async () => {
    await writeFile(join(credentials, 'anthropic-api-key'), 'sk-ant-test-key\n')
    const env = { TELEGRAM_BOT_TOKEN: TOKEN, CREDENTIALS_DIRECTORY: credentials }
    expect(await load(env)).toMatchObject({ ok: true, apiKey: 'sk-ant-test-key' })
    expect(await load({ ...env, ANTHROPIC_API_KEY: 'sk-other' })).toMatchObject({
      ok: false,
      message: expect.stringMatching(
        /^ANTHROPIC_API_KEY: also set by the credential anthropic-api-key/,
      ),
    })
    expect(await load({ TELEGRAM_BOT_TOKEN: TOKEN })).toMatchObject({ ok: true, apiKey: undefined })
  })
})

describe('every problem at once', () => {
  test('a token problem is listed with the other variables’ problems, required ones first', async () => {
    const loaded = await loadConfig({
      TELEGRAM_BOT_TOKEN_FILE: join(dir.path, 'nope'),
      SWITCHBOARD_MAX_LIVE: '0',
    })
    expect(loaded).toMatchObject({
      ok: false,
      problems: [
        { variable: 'SWITCHBOARD_ALLOWED_USERS', message: expect.stringMatching(/^is required/) },
        { variable: 'TELEGRAM_BOT_TOKEN_FILE', message: expect.stringMatching(/does not exist: /) },
        { variable: 'SWITCHBOARD_MAX_LIVE' },
      ],
    })
  })

  test('a missing token and a bad API key credential are both listed', async () => {
    await writeFile(join(credentials, 'anthropic-api-key'), '')
    const loaded = await load({ CREDENTIALS_DIRECTORY: credentials })
    expect(loaded.ok ? [] : loaded.problems.map((p) => p.variable)).toEqual([
      'TELEGRAM_BOT_TOKEN',
      'CREDENTIALS_DIRECTORY',
    ])
  })
})
