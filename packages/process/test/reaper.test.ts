import { type ChildProcess, spawn } from 'node:child_process'
import { afterEach, expect, test, vi } from 'vitest'
import { processTree } from '../src/process-tree.js'
import { Reaper } from '../src/reaper/reaper.js'
import { REAPER_SCRIPT } from '../src/reaper/reaper-script.js'
import { isAlive } from './support/fake-process.js'
import { recordingLogger } from './support/recording-logger.js'

const spawned: ChildProcess[] = []
const trees: number[] = []
afterEach(() => {
  for (const pid of [...spawned.splice(0).map((child) => child.pid ?? 0), ...trees.splice(0)])
    killGroup(pid)
})

/** A stand-in CLI: leads its own group, with a child in a session of its own (as the CLI's Bash runs). */
async function fakeCliTree(): Promise<number[]> {
  const child = spawn('sh', ['-c', 'setsid sh -c "sleep 301 & sleep 302" & sleep 303 & wait'], {
    detached: true,
    stdio: 'ignore',
  })
  spawned.push(child)
  const root = child.pid ?? 0
  let pids: number[] = []
  await vi.waitFor(() => {
    pids = processTree(root).map((p) => p.pid)
    expect(pids.length).toBe(5) // sh, sleep 303, setsid'd sh, sleep 301, sleep 302
  })
  trees.push(...pids)
  return pids
}

test('closing the reaper kills every registered process group and all below it; a removed pid is spared', async () => {
  const { logger } = recordingLogger()
  const reaper = new Reaper({ path: process.env.PATH, logger })
  const doomed = await fakeCliTree()
  const spared = await fakeCliTree()
  process.kill(doomed[0] ?? 0, 'SIGSTOP') // a frozen CLI too
  reaper.add(doomed[0])
  reaper.add(spared[0])
  reaper.remove(spared[0])
  await vi.waitFor(() => expect(reaper.pid).toBeDefined())
  reaper.close()
  await vi.waitFor(() => expect(doomed.filter(isAlive)).toEqual([]), { timeout: 5000 })
  expect(spared.filter(isAlive)).toEqual(spared)
})

test('a reaper killed from outside is started again with every registered pid', async () => {
  const { logger, warnings } = recordingLogger()
  const reaper = new Reaper({ path: process.env.PATH, logger })
  const tree = await fakeCliTree()
  reaper.add(tree[0])
  await vi.waitFor(() => expect(reaper.pid).toBeDefined())
  const first = reaper.pid ?? 0
  process.kill(first, 'SIGKILL')
  await vi.waitFor(() => expect(reaper.pid).not.toBe(first))
  expect(warnings).toContain('reaper ended: restarting')
  reaper.close()
  await vi.waitFor(() => expect(tree.filter(isAlive)).toEqual([]), { timeout: 5000 })
})

test('SIGKILL of the process holding the reaper: its CLIs and their tools are gone within seconds', async () => {
  const tree = await fakeCliTree()
  // The pool's side, in a process of its own: spawns the reaper and registers the tree's root.
  const host = spawn(
    process.execPath,
    [
      '-e',
      `const { spawn } = require('node:child_process')
       const reaper = spawn('/bin/sh', ['-c', process.env.SCRIPT], { detached: true, stdio: ['pipe', 'ignore', 'ignore'] })
       reaper.stdin.write('add ' + process.env.ROOT + '\\n', () => console.log('ready'))
       setInterval(() => {}, 1000)`,
    ],
    { env: { ...process.env, SCRIPT: REAPER_SCRIPT, ROOT: String(tree[0]) }, stdio: 'pipe' },
  )
  spawned.push(host)
  await new Promise((resolve) => host.stdout?.once('data', resolve))
  const killedAt = Date.now()
  host.kill('SIGKILL')
  await vi.waitFor(() => expect(tree.filter(isAlive)).toEqual([]), { timeout: 5000, interval: 20 })
  const goneMs = Date.now() - killedAt
  // biome-ignore lint/suspicious/noConsole: a measured figure for the issue's closing note
  console.info(`[measure] holder SIGKILLed → tree of ${tree.length} gone in ${goneMs} ms`)
  expect(goneMs).toBeLessThan(3000)
})

function killGroup(pid: number): void {
  if (pid <= 1) return
  for (const target of [-pid, pid])
    try {
      process.kill(target, 'SIGKILL')
    } catch {
      // gone
    }
}
