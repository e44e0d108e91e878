import { expect, test } from 'vitest'
import { allowedByRule } from './rule-allowed.js'
import { silentLogger } from './testing/fakes.js'

const ref = { owner: '1', id: 's' }
const edit = { file_path: '/w/sum.js', old_string: 'a', new_string: 'b' }

test('a call one of the session’s narrow rules covers, and only that', async () => {
  const rules = async () => ['Edit(//w/sum.js)', 'Bash(npm test *)']
  expect(await allowedByRule(rules, ref, 'Edit', edit, silentLogger)).toBe(true)
  expect(
    await allowedByRule(rules, ref, 'Edit', { ...edit, file_path: '/w/other.js' }, silentLogger),
  ).toBe(false)
  expect(
    await allowedByRule(rules, ref, 'Bash', { command: 'npm test -- sum' }, silentLogger),
  ).toBe(true)
  expect(
    await allowedByRule(rules, ref, 'Bash', { command: 'npm test; rm -rf /' }, silentLogger),
  ).toBe(false)
})

test('no rules, unreadable rules and rules that never come all count as no rule', async () => {
  expect(await allowedByRule(undefined, ref, 'Edit', edit, silentLogger)).toBe(false)
  const broken = async () => Promise.reject(new Error('disk'))
  expect(await allowedByRule(broken, ref, 'Edit', edit, silentLogger)).toBe(false)
  const never = () => new Promise<string[]>(() => {})
  expect(await allowedByRule(never, ref, 'Edit', edit, silentLogger)).toBe(false)
})
