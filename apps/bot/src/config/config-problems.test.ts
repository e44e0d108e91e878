import { expect, test } from 'vitest'
import { formatConfigProblems } from './config-problems.js'

const a = { variable: 'A', message: 'is required: set it' }
const b = { variable: 'B', message: 'expected a number' }

test('one problem is one line', () => {
  expect(formatConfigProblems([a], 'see .env.example')).toBe(
    'A: is required: set it (see .env.example)',
  )
})

test('several problems: a heading, then one indented line each', () => {
  expect(formatConfigProblems([a, b], 'see .env.example').split('\n')).toEqual([
    '2 settings need fixing before the bot can start (see .env.example):',
    '  - A: is required: set it',
    '  - B: expected a number',
  ])
})
