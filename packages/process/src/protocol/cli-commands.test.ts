import { readFileSync } from 'node:fs'
import { expect, test } from 'vitest'
import { cliCommandsOf } from './cli-commands.js'

const fixture = new URL('../../test/fixtures/claude-code-stream-json/simple.jsonl', import.meta.url)

test('the initialize response of the real CLI lists its commands with descriptions', () => {
  const lines = readFileSync(fixture, 'utf8').split('\n').filter(Boolean)
  const init = JSON.parse(lines.find((l) => l.includes('"commands"')) ?? '{}').response.response
  const commands = cliCommandsOf(init)
  expect(commands.find((c) => c.name === 'compact')).toMatchObject({
    description: expect.stringContaining('summarizing'),
    builtin: true,
  })
  expect(commands.length).toBeGreaterThan(20)
})

test('bad entries are skipped, init-only names are added once', () => {
  const commands = cliCommandsOf(
    { commands: [{ name: 'a', description: 1 }, { nope: true }, 'x'] },
    ['a', 'b'],
  )
  expect(commands).toEqual([
    { name: 'a', description: '', argumentHint: '' },
    { name: 'b', description: '', argumentHint: '' },
  ])
  expect(cliCommandsOf(undefined)).toEqual([])
})
