import { expect, test } from 'vitest'
import { buildMenu } from './menu.js'

const entry = (telegram: string, builtin: boolean, description = `does ${telegram}`) => ({
  telegram,
  cli: telegram,
  description,
  argumentHint: '',
  builtin,
})

test('bot commands first, then the project’s, then built-in ones; within Telegram’s limits', () => {
  const bot = [{ command: 'help', description: 'Help' }]
  const cli = [
    entry('batch', true),
    entry('review_pr', false, 'x'.repeat(2_000)),
    ...Array.from({ length: 150 }, (_, i) => entry(`b${i}`, true, 'y')),
  ]
  const menu = buildMenu(bot, cli)
  expect(menu.slice(0, 3).map((c) => c.command)).toEqual(['help', 'review_pr', 'batch'])
  expect(menu.length).toBeLessThanOrEqual(100)
  expect(menu[1]?.description.length).toBeLessThanOrEqual(60)
  for (const c of menu) {
    expect(c.description.length).toBeGreaterThan(0)
    expect(c.description.length).toBeLessThanOrEqual(256)
  }
  expect(menu.reduce((sum, c) => sum + c.description.length, 0)).toBeLessThanOrEqual(3_500)
})
