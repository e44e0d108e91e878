import { setTimeout as sleep } from 'node:timers/promises'
import { type ProcStat, processTree, signalTree } from './process-tree.js'
import type { CliSubprocess } from './spawn-cli.js'

/**
 * Graceful, then forced: closes stdin (the CLI exits by itself once idle); after `graceMs` SIGTERM
 * (and SIGCONT: a stopped process acts on SIGTERM only once continued) to the CLI, its process group
 * and the tools it started; after `killAfterMs` more, SIGKILL to all of them. Tools still running
 * once the CLI has gone are killed too: a CLI that exits leaves its Bash commands to init.
 */
export async function terminate(
  subprocess: CliSubprocess,
  exited: Promise<unknown>,
  graceMs: number,
  killAfterMs: number,
): Promise<void> {
  const tree = () => (subprocess.pid === undefined ? [] : processTree(subprocess.pid))
  let seen = tree()
  subprocess.stdin?.end()
  if (!(await exitsWithin(exited, graceMs))) {
    seen = merge(seen, tree())
    signalTree(seen, 'SIGTERM')
    signalTree(seen, 'SIGCONT')
    if (!(await exitsWithin(exited, killAfterMs))) seen = merge(seen, tree())
  }
  signalTree(seen, 'SIGKILL')
  subprocess.kill('SIGKILL')
  await exited
}

/** SIGKILL now to the CLI, its process group and every process below it; resolves once it has exited. */
export async function forceKill(
  subprocess: CliSubprocess,
  exited: Promise<unknown>,
): Promise<void> {
  if (subprocess.pid !== undefined) signalTree(processTree(subprocess.pid), 'SIGKILL')
  subprocess.kill('SIGKILL') // the group, and the direct child where there is no /proc
  await exited
}

function exitsWithin(exited: Promise<unknown>, ms: number): Promise<boolean> {
  const controller = new AbortController()
  return Promise.race([
    exited.then(() => true),
    sleep(ms, false, { ref: false, signal: controller.signal }).catch(() => false),
  ]).finally(() => controller.abort())
}

// The tree grows while the CLI runs (a tool started meanwhile); a process seen once stays a target.
function merge(seen: ProcStat[], now: ProcStat[]): ProcStat[] {
  const known = new Set(seen.map((proc) => `${proc.pid}:${proc.startTime}`))
  return [...seen, ...now.filter((proc) => !known.has(`${proc.pid}:${proc.startTime}`))]
}
