import { execFileSync, spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { expect, test } from 'vitest'
// @ts-expect-error: a plain .mjs script (it must run on any Node), typed by use here.
import { nodeVersionProblem, requiredVersion } from '../../scripts/require-node.mjs'

const SCRIPT = fileURLToPath(new URL('../../scripts/require-node.mjs', import.meta.url))
const ENGINES = '^22.22.2 || ^24.15.0 || >=26.0.0'

test('an old Node gets one line saying what is needed and how to get it', () => {
  const required = requiredVersion(ENGINES)
  const problem = nodeVersionProblem('20.19.2', required) as string
  expect(problem).toContain(
    'Node.js 22.22.2 or newer on 22, 24.15.0 or newer on 24, or 26.0.0 or newer is needed; this is Node.js 20.19.2',
  )
  expect(problem).toContain('Node.js 24 LTS')
  expect(problem.split('\n')).toHaveLength(1)
  for (const old of ['22.12.0', '22.22.1', '23.9.0', '24.14.9', '25.1.0'])
    expect(nodeVersionProblem(old, required), old).toBeDefined()
  for (const fine of ['22.22.2', '22.23.0', '24.15.0', '24.21.0', '26.0.0', '27.1.0'])
    expect(nodeVersionProblem(fine, required), fine).toBeUndefined()
  // A range it can't read falls back to the old floor rather than letting anything through.
  expect(nodeVersionProblem('20.0.0', requiredVersion('~22'))).toContain('22.12.0 or newer')
})

test('every package asks for the Node its dependencies need (write-file-atomic 8)', () => {
  for (const manifest of [
    '../../../../package.json',
    '../../package.json',
    '../../../cli/package.json',
    '../../../../packages/core/package.json',
    '../../../../packages/process/package.json',
  ]) {
    const json = JSON.parse(readFileSync(new URL(manifest, import.meta.url), 'utf8'))
    expect(json.engines?.node, manifest).toBe(ENGINES)
  }
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
