import { type ChildProcess, spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'

/** The resolve hook that runs TypeScript sources (`.js` imports → `.ts`): the bot's, and the desk CLI's in tests. */
export const HOOKS = fileURLToPath(new URL('./ts-hooks.mjs', import.meta.url))

/** The bot's real entry point, run from source (no build needed). */
export const MAIN_ENTRY = fileURLToPath(new URL('../../src/main.ts', import.meta.url))

export interface BotProcess {
  child: ChildProcess
  pid: number | undefined
  /** stdout and stderr so far, interleaved as they arrived. */
  output(): string
  /** Resolves with the exit code (or the signal name) once the process is gone. */
  exited: Promise<number | NodeJS.Signals | null>
  /** True once the process has exited. */
  hasExited(): boolean
  /** Sends a signal and waits for the exit (SIGKILL after `killAfterMs` if it lingers). */
  kill(signal?: NodeJS.Signals, killAfterMs?: number): Promise<number | NodeJS.Signals | null>
}

/** The built entry (`pnpm build`), as `pnpm start` runs it. */
export const BUILT_ENTRY = fileURLToPath(new URL('../../dist/main.js', import.meta.url))

/**
 * Starts the bot the way `pnpm start` does (node on the entry), but from source: Node 24 strips the
 * types, a resolve hook maps `.js` imports to `.ts`, and `--conditions=source` makes the workspace
 * packages resolve to their `src/` as well.
 */
export function spawnBot(
  env: Record<string, string>,
  entry = MAIN_ENTRY,
  fromSource = true,
  nodeArgs: readonly string[] = [],
): BotProcess {
  const sourceFlags = [
    '--experimental-transform-types',
    '--disable-warning=ExperimentalWarning',
    '--conditions=source',
    '--import',
    HOOKS,
  ]
  const child = spawn(process.execPath, [...nodeArgs, ...(fromSource ? sourceFlags : []), entry], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    output += chunk
  })
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    output += chunk
  })
  let exitedFlag = false
  const exited = new Promise<number | NodeJS.Signals | null>((resolve) => {
    child.on('error', (error) => {
      output += `\n[harness] spawn failed: ${error.message}\n`
    })
    child.on('close', (code, signal) => {
      exitedFlag = true
      resolve(code ?? signal)
    })
  })
  const kill = async (signal: NodeJS.Signals = 'SIGTERM', killAfterMs = 15_000) => {
    if (exitedFlag) return exited
    child.kill(signal)
    const timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs)
    try {
      return await exited
    } finally {
      clearTimeout(timer)
    }
  }
  return {
    child,
    pid: child.pid,
    output: () => output,
    exited,
    hasExited: () => exitedFlag,
    kill,
  }
}
