/** Stable codes of every error this package throws or rejects with. */
export type ProcessErrorCode =
  | 'CLI_NOT_FOUND'
  | 'CLI_NOT_EXECUTABLE'
  | 'SPAWN_FAILED'
  | 'START_TIMEOUT'
  | 'PROCESS_EXITED'
  | 'PROCESS_STOPPED'
  | 'TURN_NOT_STARTED'
  | 'TURN_STOPPED'
  | 'NOT_RUNNING'
  | 'CONTROL_TIMEOUT'
  | 'CONTROL_FAILED'
  | 'INVALID_OPTION'
  | 'CLI_COMMAND_UNKNOWN'

/** Base class: every error of `@switchboard/process` has a stable `code`. */
export class ProcessError extends Error {
  readonly code: ProcessErrorCode
  constructor(code: ProcessErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = 'ProcessError'
    this.code = code
  }
}

/** The CLI path does not exist (or is not on PATH). */
export class CliNotFoundError extends ProcessError {
  constructor(
    readonly path: string,
    options?: { cause?: unknown },
  ) {
    super('CLI_NOT_FOUND', `Claude Code CLI not found: ${path}`, options)
    this.name = 'CliNotFoundError'
  }
}

/** The CLI path exists but cannot be executed. */
export class CliNotExecutableError extends ProcessError {
  constructor(
    readonly path: string,
    options?: { cause?: unknown },
  ) {
    super('CLI_NOT_EXECUTABLE', `Claude Code CLI is not executable: ${path}`, options)
    this.name = 'CliNotExecutableError'
  }
}

/** The CLI did not answer `initialize` within `startTimeoutMs`; it was killed. */
export class StartTimeoutError extends ProcessError {
  constructor(
    readonly timeoutMs: number,
    readonly stderrTail: string[],
  ) {
    super(
      'START_TIMEOUT',
      `Claude Code did not become ready within ${timeoutMs} ms${formatTail(stderrTail)}`,
    )
    this.name = 'StartTimeoutError'
  }
}

/** Why the CLI process ended, for turn failures and exit notifications. */
export interface ExitInfo {
  exitCode: number | undefined
  signal: string | undefined
  /** True when `stop()` asked for the exit. */
  stopped: boolean
  stderrTail: string[]
}

/**
 * The CLI exited (or was killed) while a turn was running or about to run.
 * Code `PROCESS_STOPPED` when `stop()` caused it, `PROCESS_EXITED` otherwise.
 */
export class ProcessExitedError extends ProcessError {
  readonly exitCode: number | undefined
  readonly signal: string | undefined
  readonly stderrTail: string[]
  constructor(exit: ExitInfo, what = 'Claude Code process') {
    super(exit.stopped ? 'PROCESS_STOPPED' : 'PROCESS_EXITED', describeExit(exit, what))
    this.name = 'ProcessExitedError'
    this.exitCode = exit.exitCode
    this.signal = exit.signal
    this.stderrTail = exit.stderrTail
  }
}

/**
 * A queued turn whose prompt was never written to the CLI because the process ended first.
 * Safe to replay in a new process: `prompt` is the original text.
 */
export class TurnNotStartedError extends ProcessError {
  declare readonly prompt: string
  constructor(
    prompt: string,
    readonly exit: ExitInfo | undefined,
  ) {
    super(
      'TURN_NOT_STARTED',
      exit
        ? `${describeExit(exit, 'Claude Code process')}; the turn never started`
        : 'The Claude Code process is stopping or has exited; the turn never started',
    )
    this.name = 'TurnNotStartedError'
    // Not enumerable: loggers serialise an error's own fields, and the user's text must stay out of logs.
    Object.defineProperty(this, 'prompt', { value: prompt, enumerable: false })
  }
}

/** A control request (`interrupt`, `set_model`, …) got no answer in time. */
export class ControlTimeoutError extends ProcessError {
  constructor(
    readonly subtype: string,
    readonly timeoutMs: number,
  ) {
    super(
      'CONTROL_TIMEOUT',
      `Claude Code did not answer the ${subtype} request within ${timeoutMs} ms`,
    )
    this.name = 'ControlTimeoutError'
  }
}

/** The CLI answered a control request with an error (or the process ended first). */
export class ControlFailedError extends ProcessError {
  constructor(
    readonly subtype: string,
    reason: string,
  ) {
    super('CONTROL_FAILED', `Claude Code refused the ${subtype} request: ${reason}`)
    this.name = 'ControlFailedError'
  }
}

function describeExit(exit: ExitInfo, what: string): string {
  const how = exit.stopped
    ? 'was stopped'
    : exit.signal
      ? `was killed by ${exit.signal}`
      : `exited with code ${exit.exitCode ?? 'unknown'}`
  return `${what} ${how}${formatTail(exit.stderrTail)}`
}

function formatTail(tail: string[]): string {
  return tail.length === 0 ? '' : `; last stderr lines:\n${tail.join('\n')}`
}
