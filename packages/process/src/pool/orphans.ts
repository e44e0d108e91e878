import { readFileSync } from 'node:fs'
import { basename } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'

/** The argv of a running process (`/proc/<pid>/cmdline`), or undefined when it is gone or unreadable. */
export function readCmdline(pid: number): string[] | undefined {
  try {
    const raw = readFileSync(`/proc/${pid}/cmdline`, 'utf8')
    return raw.split('\0').filter((arg) => arg !== '')
  } catch {
    return undefined
  }
}

/** State letter and process group of a pid (`/proc/<pid>/stat`), or undefined when it is gone. */
function readStat(pid: number): { state: string; pgrp: number } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    // The command name may contain spaces and parentheses: the fields start after the last ')'.
    const [state = '', , pgrp = ''] = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return { state, pgrp: Number(pgrp) }
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
 * SIGTERM (to its process group when it leads one: the CLI's tools die with it), SIGKILL after
 * `graceMs`. Resolves true when the process is gone.
 */
export async function killProcess(pid: number, graceMs: number): Promise<boolean> {
  const target = readStat(pid)?.pgrp === pid ? -pid : pid
  signal(target, 'SIGTERM')
  if (await waitForExit(pid, graceMs)) return true
  signal(target, 'SIGKILL')
  return waitForExit(pid, 2000)
}

function signal(target: number, name: NodeJS.Signals): void {
  try {
    process.kill(target, name)
  } catch {
    // Already gone (ESRCH), or not ours to kill (EPERM): the caller checks isAlive.
  }
}

async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs
  while (isAlive(pid)) {
    if (Date.now() >= deadline) return false
    await sleep(25)
  }
  return true
}
