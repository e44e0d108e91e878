import { CoreError } from './errors.js'
import { type SessionLease, SessionLeases, type SessionLeasesOptions } from './session-lease.js'

/** Another process runs a turn of the session (a live phone-turn lease): `lease` says who. */
export class PhoneTurnLeaseHeldError extends CoreError {
  constructor(readonly lease: SessionLease) {
    super(
      'SESSION_TURN_RUNNING',
      `A turn of the session is running in ${lease.app} (pid ${lease.pid} on ${lease.host}) since ${lease.startedAt}.`,
    )
  }
}

/**
 * `sessions/<owner>/.leases/<id>.phone-turn.json`: the bot is running a turn of the session (the
 * other direction of the desk lease), so `switchboard open` waits for it to end. Same heartbeat and
 * stale rules as the desk lease: a crashed bot never blocks the desk for longer than `staleMs`.
 */
export class PhoneTurnLeases extends SessionLeases {
  constructor(options: SessionLeasesOptions) {
    super(options, {
      suffix: '.phone-turn',
      heldError: (lease) => new PhoneTurnLeaseHeldError(lease),
    })
  }
}
