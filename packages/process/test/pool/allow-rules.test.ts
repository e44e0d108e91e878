import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, expect, test, vi } from 'vitest'
import { makePoolFixture, type PoolFixture } from './support/pool-fixture.js'

let fx: PoolFixture
beforeEach(async () => {
  fx = await makePoolFixture()
})
afterEach(async () => {
  await fx.close()
})

const rulesFile = (ref: { owner: string; id: string }) =>
  join(fx.store.sessionDirectory(ref.owner, ref.id), 'permission-rules.json')

test('stored rules reach every spawn as --allowedTools; rules that are not narrow never do', async () => {
  const pool = fx.pool()
  const ref = await fx.session()
  const rules = ['Bash(npm test *)', 'Bash', 'Bash(*)', 'Read(~/.ssh/**)', 'Read(//etc/hosts)']
  await writeFile(rulesFile(ref), JSON.stringify({ schemaVersion: 1, rules }))
  const argv: string[] = JSON.parse((await pool.send(ref, 'ARGV?').done).text ?? '[]')
  expect(argv.filter((arg) => arg.startsWith('--allowedTools='))).toEqual([
    '--allowedTools=Bash(npm test *)',
    '--allowedTools=Read(//etc/hosts)',
  ])
})

test('an unreadable rules file fails closed: no rules, the process still starts', async () => {
  const pool = fx.pool()
  const ref = await fx.session()
  await writeFile(rulesFile(ref), '{ not json')
  const argv: string[] = JSON.parse((await pool.send(ref, 'ARGV?').done).text ?? '[]')
  expect(argv.some((arg) => arg.startsWith('--allowedTools='))).toBe(false)
  expect(await pool.allowRules(ref)).toEqual([])
})

test('forgetting a rule while a turn runs restarts the process after that turn, without the rule', async () => {
  const pool = fx.pool()
  const ref = await fx.session()
  await fx.store.addAllowRule(ref.owner, ref.id, 'Bash(echo hi)')
  await pool.send(ref, 'warm up').done
  const { pid } = pool.status(ref)
  const running = pool.send(ref, 'PERM Bash rm x')
  await vi.waitFor(() => expect(fx.held).toHaveLength(1))
  expect(await pool.forgetAllowRule(ref, 'Bash(echo hi)')).toBe(true)
  expect(await fx.store.readAllowRules(ref.owner, ref.id)).toEqual([])
  expect(pool.status(ref)).toMatchObject({ live: true, pid })
  fx.held.shift()?.answer({ behavior: 'allow' })
  await running.done
  await vi.waitFor(() => expect(pool.status(ref).live).toBe(false))
  // The next process neither has the rule nor answers with it: the request is asked.
  const next = pool.send(ref, 'PERM Bash echo hi')
  await vi.waitFor(() => expect(fx.held.map((h) => h.command)).toEqual(['echo hi']))
  expect(pool.status(ref).pid).not.toBe(pid)
  fx.held.shift()?.answer({ behavior: 'deny', message: 'no' })
  await next.done
  expect(await pool.forgetAllowRule(ref, 'Bash(echo hi)')).toBe(false)
})
