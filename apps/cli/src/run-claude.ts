import { execa } from 'execa'
import { CliError } from './errors.js'

/** Sent by the terminal to the whole foreground group: Claude Code's UI handles them itself. */
const TERMINAL_SIGNALS = ['SIGINT', 'SIGQUIT'] as const
/** Sent to this process alone (a closed terminal, `kill`): passed on, then cleanup runs. */
const FORWARDED_SIGNALS = ['SIGHUP', 'SIGTERM'] as const
const SIGNAL_NUMBERS: Record<string, number> = {
  SIGHUP: 1,
  SIGINT: 2,
  SIGQUIT: 3,
  SIGKILL: 9,
  SIGTERM: 15,
}

/**
 * Runs Claude Code in the terminal (stdin, stdout, stderr inherited) and resolves with its exit code
 * (128 + signal when a signal ended it). Ctrl-C reaches Claude (same process group) and must not end
 * this process, which still records where the conversation went and releases the desk lease after.
 */
export async function runClaude(
  claudePath: string,
  args: readonly string[],
  options: { cwd: string; env: Record<string, string> },
): Promise<number> {
  const child = execa(claudePath, args, {
    cwd: options.cwd,
    env: options.env,
    extendEnv: false,
    stdio: 'inherit',
    reject: false,
  })
  const ignore = () => {}
  const forward = (signal: NodeJS.Signals) => child.kill(signal)
  for (const signal of TERMINAL_SIGNALS) process.on(signal, ignore)
  for (const signal of FORWARDED_SIGNALS) process.on(signal, forward)
  try {
    const result = await child
    if (result.failed && result.exitCode === undefined && !result.signal) {
      throw new CliError(
        'CLAUDE_NOT_FOUND',
        `Could not run Claude Code (${claudePath}): ${result.shortMessage}. Install it (npm i -g @anthropic-ai/claude-code) or set SWITCHBOARD_CLAUDE_PATH to its path.`,
      )
    }
    if (result.signal) return 128 + (SIGNAL_NUMBERS[result.signal] ?? 0)
    return result.exitCode ?? 1
  } finally {
    for (const signal of TERMINAL_SIGNALS) process.off(signal, ignore)
    for (const signal of FORWARDED_SIGNALS) process.off(signal, forward)
  }
}
