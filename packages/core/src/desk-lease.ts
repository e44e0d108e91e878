import { CoreError } from './errors.js'
import {
  LEASE_HEARTBEAT_MS,
  LEASE_STALE_MS,
  type SessionLease,
  SessionLeaseSchema,
  SessionLeases,
  type SessionLeasesOptions,
} from './session-lease.js'

export { HeldLease as HeldDeskLease } from './session-lease.js'

/** How often a holder refreshes its lease, and how old a refresh may get before the lease is stale. */
export const DESK_LEASE_HEARTBEAT_MS = LEASE_HEARTBEAT_MS
export const DESK_LEASE_STALE_MS = LEASE_STALE_MS

/** `sessions/<owner>/.leases/<id>.json`: who has the session open at the desk. */
export const DeskLeaseSchema = SessionLeaseSchema
export type DeskLease = SessionLease

/** Another app has the session open (a live lease): `lease` says who and since when. */
export class DeskLeaseHeldError extends CoreError {
  constructor(readonly lease: DeskLease) {
    super(
      'SESSION_LEASED',
      `The session is already open in ${lease.app} (pid ${lease.pid} on ${lease.host}) since ${lease.startedAt}.`,
    )
  }
}

export type DeskLeasesOptions = SessionLeasesOptions

/**
 * Leases that mark a session as in use by another app (the desk's terminal) so the bot does not
 * drive the same conversation meanwhile (session-lease.ts: heartbeat, stale when its holder died).
 */
export class DeskLeases extends SessionLeases {
  constructor(options: DeskLeasesOptions) {
    super(options, { suffix: '', heldError: (lease) => new DeskLeaseHeldError(lease) })
  }
}
