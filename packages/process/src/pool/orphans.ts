import { readFileSync } from 'node:fs'
import { basename } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { processTree, readStat, signalTree } from '../process-tree.js'

/** The argv of a running process (`/proc/<pid>/cmdline`), or undefined when it is gone or unreadable. */
export function readCmdline(pid: number): string[] | undefined {
  try {
    const raw = readFileSync(`/proc/${pid}/cmdline`, 'utf8')
    return raw.split('\0').filter((arg) => arg !== '')
  } catch {
    return undefined
  }
}

/** True while the pid exists and is not a zombie. */
export function isAlive(pid: number): boolean {
  const stat = readStat(pid)
  return stat !== undefined && stat.state !== 'Z' && stat.state !== 'X'
}

const SCRIPT_EXTENSIONS = /\.(exe|js|mjs|cjs)$/

/**
 * Does this argv look like a Claude Code CLI the pool started? It must carry the stream-json protocol
 * flags every pool process gets, and its executable (or the script an interpreter runs) must be named
 * like the configured CLI or `claude`. A recycled pid running anything else is never touched.
 */
export function looksLikeClaudeCli(argv: readonly string[], claudePath: string): boolean {
  const protocol = argv.includes('--permission-prompt-tool=stdio') && argv.includes('stream-json')
  const names = new Set([stem(claudePath), 'claude'])
  return protocol && argv.slice(0, 2).some((arg) => names.has(stem(arg)))
}

function stem(path: string): string {
  return basename(path).replace(SCRIPT_EXTENSIONS, '')
}

/**
 * SIGTERM to the process, its process group and every process below it (the CLI's Bash commands run
 * in sessions of their own), SIGKILL to what is left after `graceMs`. Resolves true when it is gone.
 */
export async function killProcess(pid: number, graceMs: number): Promise<boolean> {
  const tree = processTree(pid)
  signalTree(tree, 'SIGTERM')
  signalTree(tree, 'SIGCONT') // a stopped process only acts on SIGTERM once continued
  const exited = await waitForExit(pid, graceMs)
  signalTree(tree, 'SIGKILL') // its tools, even when the CLI itself left in time
  return exited || waitForExit(pid, 2000)
}

async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs
  while (isAlive(pid)) {
    if (Date.now() >= deadline) return false
    await sleep(25)
  }
  return true
}
