import type { ExitInfo } from './errors.js'
import type { Logger } from './logger.js'
import type { PermissionHandler } from './permissions.js'

/** `starting` → `idle` ⇄ `busy` → `stopping` → `exited` (any state can jump to `exited` on a crash). */
export type ProcessState = 'starting' | 'idle' | 'busy' | 'stopping' | 'exited'

/** What the CLI reported in `system/init` (repeated at the start of every turn). */
export interface InitInfo {
  claudeSessionId: string
  model: string
  cwd: string
  tools: string[]
  permissionMode: string
  /** The CLI's slash command names (`slash_commands`) and skill names. */
  slashCommands: string[]
  skills: string[]
}

/** Passed to `onExit` listeners once, when the CLI process has ended. */
export interface ExitNotification extends ExitInfo {
  /** Texts of queued turns never written to the CLI (rejected with `TURN_NOT_STARTED`); images not included. */
  unstartedPrompts: string[]
}

export interface ClaudeProcessOptions {
  /** Working directory of the CLI (the session's workspace). */
  cwd: string
  /** Argv after the executable: `buildArgs(session, persona, …)`. */
  args: readonly string[]
  /** The whole environment of the child: `buildChildEnv(process.env, …)`. Nothing else is inherited. */
  env: Record<string, string>
  /** Executable: a path, or a name looked up on `env.PATH`. Default `claude`. */
  claudePath?: string
  /** Asked for each tool permission; without one, every request is denied. */
  onPermissionRequest?: PermissionHandler
  /** Unanswered permission requests are denied after this long. Default 5 minutes. */
  permissionTimeoutMs?: number
  /** `start()` fails with START_TIMEOUT (and kills the CLI) after this long. Default 60 s. */
  startTimeoutMs?: number
  /** Our control requests (`interrupt`, `set_model`, …) fail with CONTROL_TIMEOUT after this long. Default 10 s. */
  controlTimeoutMs?: number
  /** `stop()`: after closing stdin, wait this long before SIGTERM. Default 2 s. */
  stopGraceMs?: number
  /** `stop()`: after SIGTERM, wait this long before SIGKILL. Default 3 s. */
  killAfterMs?: number
  /**
   * A running turn with no line from the CLI for this long (not waiting for a permission answer) gets a
   * `stalled` event, and `active` when output resumes. Default 5 minutes; 0 turns the watchdog off.
   */
  stallTimeoutMs?: number
  /** Stderr lines kept for error reports. Default 40. */
  stderrLines?: number
  /** Longest stdout line accepted (characters); longer lines are dropped and logged. Default 64 Mi. */
  maxLineLength?: number
  /** "Allow always" rules carried over from an earlier process of the same session (narrow ones only are kept). */
  allowedForSession?: readonly string[]
  /** Called with each rule an "always" answer added (the request's `alwaysRule`), e.g. to store it. */
  onAllowRule?: (rule: string) => void
  logger?: Logger
}
