import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { expect, test } from 'vitest'
import { botStartCommand, parseStartCommand } from './support/start-command.js'

const read = (path: string) => readFileSync(fileURLToPath(new URL(path, import.meta.url)), 'utf8')

// The memory figures (bench/memory-10k.bench.ts) hold for the way the bot is started: the three ways
// to start it must agree on Node's flags and the environment they set.
test('pnpm start (root and bot) and the systemd unit start Node with the same flags', () => {
  const bot = botStartCommand()
  expect(bot.nodeArgs).toContain('--optimize-for-size')
  expect(bot.nodeArgs).toContain('--max-semi-space-size=2')
  expect(bot.env).toEqual({ MALLOC_ARENA_MAX: '2' })

  const root = JSON.parse(read('../../../package.json')) as { scripts: { start: string } }
  expect(parseStartCommand(root.scripts.start)).toEqual(bot)

  const unit = read('../../../deploy/switchboard.service')
  const execStart = /^ExecStart=\/usr\/bin\/env (node .*)$/m.exec(unit)?.[1] ?? ''
  expect(parseStartCommand(execStart).nodeArgs).toEqual(bot.nodeArgs)
  for (const [name, value] of Object.entries(bot.env)) {
    expect(unit).toMatch(new RegExp(`^Environment=${name}=${value}$`, 'm'))
  }
})
