/**
 * Who drives a session's conversation, the desk or the phone: each side writes its own lease first
 * and then looks at the other's. Whichever looks second sees the first, so both never run at once;
 * the phone is the side that backs off (it releases its turn lease and waits), so neither waits for
 * the other forever: the desk waits only for a turn to end (or its lease to go stale).
 */

import { type DeskLease, DeskLeases } from './desk-lease.js'
import { PhoneTurnLeases } from './phone-turn-lease.js'
import type { HeldLease, SessionLease, SessionLeasesOptions } from './session-lease.js'

export interface TakeDeskOptions {
  app: string
  /** How often the desk looks at the phone's turn again while it waits (default 500 ms). */
  pollMs?: number
  /** Aborting gives up (also before any wait): the desk lease is released and the signal's reason thrown. */
  signal?: AbortSignal
  /** Called once, when a phone turn is running and the desk starts waiting for it. */
  onWait?: (turn: SessionLease) => void
}

/** The phone's answer: its turn may run (`held`, release it when the turn ended), or the desk has it. */
export type PhoneTurnTake = { held: HeldLease } | { desk: DeskLease }

/** The two leases of a data dir, and both sides of the handshake. */
export class DeskHandshake {
  readonly desk: DeskLeases
  readonly turns: PhoneTurnLeases

  constructor(options: SessionLeasesOptions) {
    this.desk = new DeskLeases(options)
    this.turns = new PhoneTurnLeases(options)
  }

  /**
   * The desk's side: takes the desk lease (DeskLeaseHeldError when another desk has it), then waits
   * while a live phone-turn lease exists. Resolves with the held desk lease.
   */
  async takeDesk(owner: string, id: string, options: TakeDeskOptions): Promise<HeldLease> {
    const held = await this.desk.acquire(owner, id, { app: options.app })
    try {
      // Given up while the lease was being taken (a Ctrl-C during the lock's wait): open nothing.
      options.signal?.throwIfAborted()
      const turn = await this.turns.read(owner, id)
      if (turn) {
        options.onWait?.(turn)
        await this.turns.waitUntilFree(owner, id, {
          pollMs: options.pollMs ?? 500,
          ...(options.signal ? { signal: options.signal } : {}),
        })
      }
      return held
    } catch (error) {
      await held.release()
      throw error
    }
  }

  /**
   * The phone's side: takes the turn lease (PhoneTurnLeaseHeldError when another process runs a
   * turn), then looks at the desk lease; when the desk has the session the turn lease is released
   * again and the desk's lease returned (wait for it to end, then take again).
   */
  async takePhoneTurn(owner: string, id: string, holder: { app: string }): Promise<PhoneTurnTake> {
    const held = await this.turns.acquire(owner, id, holder)
    const desk = await this.deskOrRelease(owner, id, held)
    return desk ? { desk } : { held }
  }

  private async deskOrRelease(owner: string, id: string, held: HeldLease) {
    try {
      const desk = await this.desk.read(owner, id)
      if (desk) await held.release()
      return desk
    } catch (error) {
      await held.release()
      throw error
    }
  }
}
