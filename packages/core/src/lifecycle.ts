import { InvalidTransitionError } from './errors.js'
import type { SessionStatus } from './session-metadata.js'

/**
 * The only allowed status changes: idle → active, active → suspended, suspended → active.
 * active → active is a no-op so "activate" is idempotent.
 */
const ALLOWED: Readonly<Record<SessionStatus, readonly SessionStatus[]>> = {
  idle: ['active'],
  active: ['active', 'suspended'],
  suspended: ['active'],
}

export function canTransition(from: SessionStatus, to: SessionStatus): boolean {
  return ALLOWED[from].includes(to)
}

/** Returns `to`, or throws InvalidTransitionError naming the session. */
export function transition(
  sessionName: string,
  from: SessionStatus,
  to: SessionStatus,
): SessionStatus {
  if (!canTransition(from, to)) throw new InvalidTransitionError(sessionName, from, to)
  return to
}
