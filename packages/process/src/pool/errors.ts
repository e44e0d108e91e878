import { ProcessError, TurnNotStartedError } from '../errors.js'

/** The pool shut down before this message reached Claude (code TURN_NOT_STARTED: it can be resent later). */
export class PoolShutdownError extends TurnNotStartedError {
  constructor(prompt: string) {
    super(prompt, undefined)
    this.name = 'PoolShutdownError'
    this.message = 'The process pool is shutting down; the message was not sent to Claude'
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
