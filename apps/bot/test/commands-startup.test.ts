import { expect, test } from 'vitest'
import { ask } from './support/ask.js'
import { useBotHarness } from './support/use-bot-harness.js'

const bot = useBotHarness()

const lines = (text: string) => text.split('\n').filter((line) => line.trim().length > 0)

test('a second bot on the same data dir refuses to start with a clear message', async () => {
  const h = bot()
  const second = h.spawnExtra()
  expect(await second.exited).toBe(1)
  const output = lines(second.output())
  expect(output).toHaveLength(1)
  expect(output[0]).toMatch(
    /^switchboard: Another Switchboard bot \(pid \d+\) is already running on /,
  )
  // The first bot is unaffected.
  expect((await ask(h, '/help')).text).toContain('Commands')
  expect(h.telegram.errors()).toEqual([])
})

test.each([
  [
    'TELEGRAM_BOT_TOKEN',
    '',
    /^switchboard: TELEGRAM_BOT_TOKEN: is required: .* \(see \.env\.example\)$/,
  ],
  ['TELEGRAM_BOT_TOKEN', 'nonsense', /^switchboard: TELEGRAM_BOT_TOKEN: expected a bot token/],
  [
    'SWITCHBOARD_ALLOWED_USERS',
    '12,abc',
    /^switchboard: SWITCHBOARD_ALLOWED_USERS: expected comma-separated numeric Telegram user ids.*"abc"/,
  ],
  [
    'SWITCHBOARD_MAX_LIVE',
    '0',
    /^switchboard: SWITCHBOARD_MAX_LIVE: expected a whole number .*1-64/,
  ],
  [
    'SWITCHBOARD_IDLE_TIMEOUT',
    'soon',
    /^switchboard: SWITCHBOARD_IDLE_TIMEOUT: expected a duration/,
  ],
])(
  'bad config (%s=%j) exits 1 with one line naming the variable',
  async (name, value, expected) => {
    const h = bot()
    const child = h.spawnExtra({ [name]: value, SWITCHBOARD_DATA_DIR: `${h.scratchDir}/other` })
    expect(await child.exited).toBe(1)
    const output = lines(child.output())
    expect(output).toHaveLength(1)
    expect(output[0]).toMatch(expected)
  },
)

test('a message sent while the bot is down is handled after it starts again', async () => {
  const h = bot()
  let update: ReturnType<typeof h.send> | undefined
  await h.restart('SIGTERM', () => {
    update = h.send('/help')
  })
  if (!update) throw new Error('no update')
  expect((await h.waitForReply(update)).text).toContain('Commands')
  expect(h.telegram.errors()).toEqual([])
})
