import { execa, type ResultPromise } from 'execa'
import { LineReader } from './line-reader.js'
import type { Logger } from './logger.js'

export type CliSubprocess = ResultPromise<{ buffer: false; reject: false }>

export interface SpawnCliOptions {
  args: readonly string[]
  cwd: string
  env: Record<string, string>
  /** SIGTERM → SIGKILL escalation delay (execa `forceKillAfterDelay`). */
  killAfterMs: number
  maxLineLength: number
  onLine: (line: string) => void
  onStderr: (chunk: Buffer) => void
  logger: Logger
}

/**
 * Spawns the CLI with pipes on all three streams and only the given environment. It gets its own process
 * group (`killDescendants`), so a kill also reaches the tools it started; `cleanup` kills it if we exit.
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
    forceKillAfterDelay: options.killAfterMs,
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
