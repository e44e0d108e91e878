import { fileURLToPath } from 'node:url'
import { makeTempDir } from '@switchboard/test-utils'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { spawnBot } from './support/bot-process.js'

// What a newcomer sees when the configuration is wrong: the bot as a subprocess, from source and
// through the root `pnpm start` script (quiet build, then the built bot), with several bad variables.

const START_SCRIPT = fileURLToPath(new URL('../scripts/start.mjs', import.meta.url))

let home: Awaited<ReturnType<typeof makeTempDir>>
beforeAll(async () => {
  home = await makeTempDir('start-errors')
})
afterAll(() => home.cleanup())

/** Every variable set (bad), so a developer's own .env can't fill one in. */
const badEnv = () => ({
  PATH: process.env.PATH ?? '/usr/bin:/bin',
  HOME: home.path,
  SWITCHBOARD_DATA_DIR: `${home.path}/data`,
  TELEGRAM_BOT_TOKEN: 'nonsense',
  SWITCHBOARD_ALLOWED_USERS: 'me',
  SWITCHBOARD_MAX_LIVE: '0',
  SWITCHBOARD_IDLE_TIMEOUT: 'soon',
  SWITCHBOARD_LOG_FORMAT: 'xml',
  SWITCHBOARD_STREAMMODE: 'edit', // misspelt
})

const EXPECTED = [
  /^switchboard: 6 settings need fixing before the bot can start \(see \.env\.example\):$/,
  /^ {2}- TELEGRAM_BOT_TOKEN: expected a bot token like .*copy it again$/,
  /^ {2}- SWITCHBOARD_LOG_FORMAT: expected "pretty" .*"json" .*"auto"/,
  /^ {2}- SWITCHBOARD_ALLOWED_USERS: expected comma-separated numeric Telegram user ids .*"me"$/,
  /^ {2}- SWITCHBOARD_MAX_LIVE: expected a whole number of live Claude Code processes, 1-64; leave it empty for the default, 4$/,
  /^ {2}- SWITCHBOARD_IDLE_TIMEOUT: expected a duration .*"soon"; leave it empty for the default, 30m$/,
  /^ {2}- SWITCHBOARD_STREAMMODE: is not a Switchboard setting, so it is ignored: did you mean SWITCHBOARD_STREAM_MODE\?$/,
]

function expectTheList(output: string) {
  const lines = output.split('\n').filter((line) => line.trim() !== '')
  expect(lines).toHaveLength(EXPECTED.length)
  lines.forEach((line, i) => {
    expect(line).toMatch(EXPECTED[i] as RegExp)
  })
}

test('every bad variable in one message, one line each, exit 1 (the bot from source)', async () => {
  const bot = spawnBot(badEnv())
  expect(await bot.exited).toBe(1)
  expectTheList(bot.output())
})

test('`pnpm start` builds quietly: the same list and nothing of turbo around it', async () => {
  const start = spawnBot(badEnv(), START_SCRIPT, false)
  expect(await start.exited).toBe(1)
  const output = start.output()
  expect(output).not.toMatch(/turbo|Tasks:|Cached:|Packages in scope|•/)
  expectTheList(output)
}, 180_000)
