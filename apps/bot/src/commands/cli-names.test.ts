import { expect, test } from 'vitest'
import { telegramNamesFor } from './cli-names.js'

const cmd = (name: string) => ({ name, description: `does ${name}`, argumentHint: '' })

test('names Telegram cannot carry get a stable mapping; the bot’s own names win', () => {
  const entries = telegramNamesFor(
    [cmd('review-pr'), cmd('compact'), cmd('Team:Deploy'), cmd('review_pr'), cmd('x'.repeat(40))],
    ['compact', 'help'],
  )
  expect(entries.map((e) => [e.cli, e.telegram])).toEqual([
    ['Team:Deploy', 'team_deploy'],
    ['review-pr', 'review_pr'],
    ['review_pr', 'review_pr_2'],
    ['x'.repeat(40), 'x'.repeat(32)],
  ])
})

test('the mapping does not depend on the order the CLI lists them in', () => {
  const a = telegramNamesFor([cmd('a-b'), cmd('a_b')], [])
  const b = telegramNamesFor([cmd('a_b'), cmd('a-b')], [])
  expect(a).toEqual(b)
  expect(
    telegramNamesFor([cmd('x'.repeat(40)), cmd(`${'x'.repeat(40)}y`)], []).at(1)?.telegram,
  ).toBe(`${'x'.repeat(30)}_2`)
})
