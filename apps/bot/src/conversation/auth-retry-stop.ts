/**
 * Claude Code retries a 401/403 from the API like an overload (observed with 2.1.330: `api_retry`
 * with error_status 401, "authentication_failed", up to 10 attempts), but a wrong key or a lost
 * login never heals by waiting. The first such retry stops the turn; its outcome then reads as the
 * authentication error (turn-errors.ts), not as "Stopped" and not as "retrying".
 */

import type { Turn, TurnEvent } from '@switchboard/process'

/** Code of the failure a turn ends with when it was cut short for an auth error and its process killed. */
export const AUTH_FAILED_CODE = 'API_AUTH_FAILED'

export class AuthFailedError extends Error {
  readonly code = AUTH_FAILED_CODE
  override readonly name = 'AuthFailedError'
  constructor(
    readonly status: number,
    options?: { cause?: unknown },
  ) {
    super(`Claude's API answered ${status}: the turn was stopped instead of retried`, options)
  }
}

export function isAuthStatus(status: number | null | undefined): status is 401 | 403 {
  return status === 401 || status === 403
}

/**
 * `turn`, seen through a watch for auth retries: the first past `allowed` calls `stop` (and is not passed on,
 * so nobody shows "retrying"); the result after it carries the status, and `stopRequested` stays
 * false so it is not taken for the user's stop.
 */
export function stopOnAuthRetry(turn: Turn, stop: () => void, allowed = 0): Turn {
  let status: number | undefined
  let seen = 0
  const watched = (event: TurnEvent): TurnEvent | undefined => {
    if (event.type === 'api_retry' && isAuthStatus(event.errorStatus)) {
      seen += 1
      if (seen <= allowed) return event // e.g. the CLI refreshing a login's token
      if (status === undefined) {
        status = event.errorStatus
        stop()
      }
      return undefined
    }
    if (event.type === 'result' && status !== undefined)
      return { ...event, isError: true, apiErrorStatus: status }
    return event
  }
  return {
    get id() {
      return turn.id
    },
    get prompt() {
      return turn.prompt
    },
    get state() {
      return turn.state
    },
    get done() {
      return turn.done
    },
    get stopRequested() {
      return status === undefined ? turn.stopRequested : false
    },
    async *[Symbol.asyncIterator]() {
      try {
        for await (const event of turn) {
          const seen = watched(event)
          if (seen) yield seen
        }
      } catch (error) {
        // Stopped by killing the process (the CLI did not take the interrupt): still the auth error.
        if (status !== undefined) throw new AuthFailedError(status, { cause: error })
        throw error
      }
    },
  }
}
