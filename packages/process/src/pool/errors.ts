import { ProcessError, TurnNotStartedError } from '../errors.js'

/** The pool shut down before this message reached Claude (code TURN_NOT_STARTED: it can be resent later). */
export class PoolShutdownError extends TurnNotStartedError {
  constructor(prompt: string) {
    super(prompt, undefined)
    this.name = 'PoolShutdownError'
    this.message = 'The process pool is shutting down; the message was not sent to Claude'
  }
}

/**
 * Why the pool ended a turn by killing its process: `stop` — `stop()` was called and the CLI did not end
 * the turn when interrupted; `stalled` — the turn had been silent too long (see the README's watchdog).
 */
export type TurnStopReason = 'stop' | 'stalled'

/**
 * A turn the pool stopped by killing its process (code TURN_STOPPED). The session's conversation is
 * kept: the next message resumes it (`--resume`). `silentForMs`: how long the CLI had been silent.
 */
export class TurnStoppedError extends ProcessError {
  constructor(
    readonly reason: TurnStopReason,
    readonly silentForMs: number | undefined,
  ) {
    const why =
      reason === 'stop'
        ? 'Claude Code did not end the turn when interrupted'
        : `Claude Code gave no output for ${Math.round((silentForMs ?? 0) / 1000)} s`
    super('TURN_STOPPED', `The turn was stopped: ${why}, so its process was killed`)
    this.name = 'TurnStoppedError'
  }
}

/** The session could not be prepared for a process (metadata or persona unreadable, session deleted). */
export class SessionLoadError extends ProcessError {
  constructor(
    readonly owner: string,
    readonly sessionId: string,
    cause: unknown,
  ) {
    const reason = cause instanceof Error ? cause.message : String(cause)
    super('SPAWN_FAILED', `Could not load session ${owner}/${sessionId}: ${reason}`, { cause })
    this.name = 'SessionLoadError'
  }
}

/** Wraps anything thrown while starting a process into a coded error. */
export function asProcessError(error: unknown): ProcessError {
  if (error instanceof ProcessError) return error
  const message = error instanceof Error ? error.message : String(error)
  return new ProcessError('SPAWN_FAILED', `Could not start Claude Code: ${message}`, {
    cause: error,
  })
}

/**
 * A turn sent as one of the CLI's slash commands (`send(…, { cliCommand })`) that the process about to run
 * it does not have (code CLI_COMMAND_UNKNOWN), e.g. its `.claude/commands` file was deleted since it was
 * announced. Claude Code 2.1.330 would pass an unknown `/name` to the model as plain text instead.
 */
export class CliCommandUnknownError extends ProcessError {
  constructor(readonly command: string) {
    super('CLI_COMMAND_UNKNOWN', `Claude Code has no command /${command} in this session`)
    this.name = 'CliCommandUnknownError'
  }
}
