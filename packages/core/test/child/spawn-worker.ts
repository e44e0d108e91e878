import { type ChildProcess, spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const WORKER = fileURLToPath(new URL('./worker.ts', import.meta.url))
const HOOKS = fileURLToPath(new URL('./ts-hooks.mjs', import.meta.url))

export interface Worker {
  child: ChildProcess
  /** Every stdout line so far. */
  lines: string[]
  /** Resolves once a line satisfies `predicate`, rejects if the child exits first. */
  waitFor(predicate: (lines: string[]) => boolean): Promise<void>
  /** Resolves with the exit code (or signal) once the child is gone. */
  exited: Promise<number | NodeJS.Signals | null>
  stderr(): string
}

/** Spawns test/child/worker.ts in a real OS process running core from source. */
export function spawnWorker(args: string[]): Worker {
  const child = spawn(
    process.execPath,
    [
      '--experimental-transform-types',
      '--disable-warning=ExperimentalWarning',
      '--import',
      HOOKS,
      WORKER,
      ...args,
    ],
    { stdio: ['pipe', 'pipe', 'pipe'] },
  )
  const lines: string[] = []
  let stderr = ''
  let buffer = ''
  const listeners = new Set<() => void>()
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    buffer += chunk
    const parts = buffer.split('\n')
    buffer = parts.pop() ?? ''
    lines.push(...parts)
    for (const listener of listeners) listener()
  })
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk
  })
  const exited = new Promise<number | NodeJS.Signals | null>((resolve) => {
    child.on('exit', (code, signal) => {
      for (const listener of listeners) listener()
      resolve(code ?? signal)
    })
  })
  const waitFor = (predicate: (lines: string[]) => boolean) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (predicate(lines)) {
          listeners.delete(check)
          resolve()
        } else if (child.exitCode !== null || child.signalCode !== null) {
          listeners.delete(check)
          reject(
            new Error(`worker exited early (${child.exitCode ?? child.signalCode}): ${stderr}`),
          )
        }
      }
      listeners.add(check)
      check()
    })
  return { child, lines, waitFor, exited, stderr: () => stderr }
}
