import { readdirSync, readFileSync } from 'node:fs'

/** One process as `/proc/<pid>/stat` shows it. `startTime` tells a recycled pid from the original. */
export interface ProcStat {
  pid: number
  state: string
  ppid: number
  pgrp: number
  startTime: string
}

/** State, parent, process group and start time of a pid (Linux `/proc`), or undefined when it is gone. */
export function readStat(pid: number): ProcStat | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    // The command name may contain spaces and parentheses: the fields start after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    const [state = '', ppid = '', pgrp = ''] = fields
    return { pid, state, ppid: Number(ppid), pgrp: Number(pgrp), startTime: fields[19] ?? '' }
  } catch {
    return undefined
  }
}

/**
 * `root` and every process below it, parents first. The CLI starts each Bash command in a session of
 * its own (setsid), so a signal to the CLI's process group does not reach them; this does. Empty
 * where there is no `/proc` (macOS: only the process group is signalled there).
 */
export function processTree(root: number): ProcStat[] {
  let names: string[]
  try {
    names = readdirSync('/proc')
  } catch {
    return []
  }
  const children = new Map<number, ProcStat[]>()
  let rootStat: ProcStat | undefined
  for (const name of names) {
    if (!/^\d+$/.test(name)) continue
    const stat = readStat(Number(name))
    if (!stat) continue
    if (stat.pid === root) rootStat = stat
    const siblings = children.get(stat.ppid) ?? []
    siblings.push(stat)
    children.set(stat.ppid, siblings)
  }
  if (!rootStat) return []
  const tree = [rootStat]
  for (let i = 0; i < tree.length; i++) tree.push(...(children.get(tree[i]?.pid ?? -1) ?? []))
  return tree
}

/**
 * Signals each process of a snapshot that is still the same process (same start time: a pid reused
 * meanwhile is left alone), and its process group when it leads one.
 */
export function signalTree(tree: readonly ProcStat[], signal: NodeJS.Signals): void {
  for (const proc of tree) {
    if (readStat(proc.pid)?.startTime !== proc.startTime) continue
    if (proc.pgrp === proc.pid) trySignal(-proc.pid, signal)
    trySignal(proc.pid, signal)
  }
}

/** `process.kill` that ignores a process already gone (ESRCH) or not ours (EPERM). */
export function trySignal(target: number, signal: NodeJS.Signals): void {
  try {
    process.kill(target, signal)
  } catch {
    // Gone or not ours: callers check whether it is alive.
  }
}
