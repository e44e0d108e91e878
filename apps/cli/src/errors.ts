/** Stable codes of the errors the `switchboard` command reports itself (core's keep their own codes). */
export type CliErrorCode =
  | 'USAGE'
  | 'OWNER_UNKNOWN'
  | 'OWNER_AMBIGUOUS'
  | 'CLAUDE_NOT_FOUND'
  | 'SESSION_LEASED'
  | 'CONFIG_INVALID'

/** Exit codes: 0 done, 1 the request failed, 2 the command line was wrong. */
export const EXIT = Object.freeze({ ok: 0, failed: 1, usage: 2 })

export class CliError extends Error {
  readonly code: CliErrorCode
  constructor(code: CliErrorCode, message: string, options?: ErrorOptions) {
    super(message, options)
    this.name = new.target.name
    this.code = code
  }

  /** Usage mistakes exit 2, everything else 1. */
  get exitCode(): number {
    return this.code === 'USAGE' ? EXIT.usage : EXIT.failed
  }
}

/** The command line is wrong: what is wrong, and the usage line that says what to type. */
export class UsageError extends CliError {
  constructor(message: string, usage: string) {
    super('USAGE', `${message}\nUsage: ${usage}`)
  }
}
