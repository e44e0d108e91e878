import { execa, type ResultPromise } from 'execa'
import { LineReader } from './line-reader.js'
import type { Logger } from './logger.js'

export type CliSubprocess = ResultPromise<{ buffer: false; reject: false }>

export interface SpawnCliOptions {
  args: readonly string[]
  cwd: string
  env: Record<string, string>
  maxLineLength: number
  onLine: (line: string) => void
  onStderr: (chunk: Buffer) => void
  logger: Logger
}

/**
 * Spawns the CLI with pipes on all three streams and only the given environment. It leads its own
 * process group (`killDescendants`: execa signals `-pid`), and `cleanup` sends it SIGTERM when we exit
 * normally (the CLI then ends its tools itself). Its Bash commands run in sessions of their own, out
 * of that group: terminate.ts walks the process tree for them, and the pool's reaper covers a SIGKILL
 * of the bot. The SIGTERM → SIGKILL escalation is terminate.ts's, not execa's.
 * Stdout is split into lines for `onLine`; no output is buffered.
 */
export function spawnCli(path: string, options: SpawnCliOptions): CliSubprocess {
  const subprocess = execa(path, [...options.args], {
    cwd: options.cwd,
    env: options.env,
    extendEnv: false,
    stdin: 'pipe',
    stdout: 'pipe',
    stderr: 'pipe',
    buffer: false,
    reject: false,
    forceKillAfterDelay: false,
    killDescendants: true,
    cleanup: true,
  })
  const reader = new LineReader(options.onLine, {
    maxLineLength: options.maxLineLength,
    onOverflow: (length) =>
      options.logger.warn({ length }, 'dropped an over-long line from the CLI stdout'),
  })
  subprocess.stdout?.on('data', (chunk: Buffer) => reader.push(chunk))
  subprocess.stdout?.on('end', () => reader.end())
  subprocess.stderr?.on('data', options.onStderr)
  // EPIPE after a crash is reported by the exit, not as an unhandled stream error.
  subprocess.stdin?.on('error', (error) => options.logger.debug({ err: error }, 'CLI stdin error'))
  return subprocess
}

/** How the CLI ended: exit code and signal, why it never ran (`spawnFailure`), or execa's own error. */
export interface CliExit {
  exitCode: number | undefined
  signal: string | undefined
  spawnFailure?: string
  error?: unknown
}

/** Calls `listener` once, when the CLI has ended. */
export function onCliExit(subprocess: CliSubprocess, listener: (exit: CliExit) => void): void {
  subprocess.then(
    ({ exitCode, signal, originalMessage, shortMessage }) => {
      // No exit code and no signal: the spawn itself failed (e.g. a bad interpreter line).
      const failed = exitCode === undefined && signal === undefined
      listener({
        exitCode,
        signal,
        ...(failed ? { spawnFailure: originalMessage || shortMessage } : {}),
      })
    },
    (error: unknown) => listener({ exitCode: undefined, signal: undefined, error }),
  )
}
