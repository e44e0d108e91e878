import { execFileSync, spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { expect, test } from 'vitest'
// @ts-expect-error: a plain .mjs script (it must run on any Node), typed by use here.
import { nodeVersionProblem, requiredVersion } from '../../scripts/require-node.mjs'

const SCRIPT = fileURLToPath(new URL('../../scripts/require-node.mjs', import.meta.url))

test('an old Node gets one line saying what is needed and how to get it', () => {
  expect(requiredVersion('>=22.12')).toEqual([22, 12])
  const problem = nodeVersionProblem('20.19.2', [22, 12]) as string
  expect(problem).toContain('Node.js 22.12 or newer is needed; this is Node.js 20.19.2')
  expect(problem).toContain('Node.js 24 LTS')
  expect(problem.split('\n')).toHaveLength(1)
  expect(nodeVersionProblem('22.11.0', [22, 12])).toBeDefined()
  expect(nodeVersionProblem('22.12.0', [22, 12])).toBeUndefined()
  expect(nodeVersionProblem('24.1.0', [22, 12])).toBeUndefined()
})

test('the start script passes on this Node, and stops an older one before anything loads', () => {
  expect(spawnSync(process.execPath, [SCRIPT]).status).toBe(0)
  // The machine's own Node, when it is older (CI's system Node is 20): the real thing.
  let system: string | undefined
  try {
    system = execFileSync('/usr/bin/node', ['--version'], { encoding: 'utf8' }).trim()
  } catch {
    return // no system Node here
  }
  if (Number(system.replace(/^v/, '').split('.')[0]) >= 22) return
  const run = spawnSync('/usr/bin/node', [SCRIPT], { encoding: 'utf8' })
  expect(run.status).toBe(1)
  expect(run.stderr).toContain('or newer is needed; this is Node.js')
})
