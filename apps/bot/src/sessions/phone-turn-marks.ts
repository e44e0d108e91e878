/**
 * Marks a session as busy on the phone while the bot runs its turns (core's phone-turn lease), so
 * `switchboard open` waits for a running turn instead of driving the same conversation at once.
 * One lease per session however many of its turns are in the pool (an answer and the messages
 * queued behind it): taken with the first, released when the last ended.
 */

import { DeskHandshake, type DeskLease, type HeldLease } from '@switchboard/core'
import type { SessionRef } from '@switchboard/process'
import type { BotDeps } from '../deps.js'

/** How the phone-turn lease names the bot. */
export const BOT_APP = 'switchboard-bot'

/** One turn's share of the mark: release it when the turn ended (more calls do nothing). */
export interface TurnHold {
  release(): void
}

/** A hold that holds nothing (the mark could not be taken: the phone is never blocked by it). */
export const NO_HOLD: TurnHold = { release() {} }

export type MarkTake = { hold: TurnHold } | { desk: DeskLease }

interface Mark {
  held: HeldLease
  turns: number
}

export class PhoneTurnMarks {
  private readonly marks = new Map<string, Mark>()
  /** Per session: takes and releases run one after another (a release's write before the next take). */
  private readonly serial = new Map<string, Promise<unknown>>()

  constructor(
    private readonly handshake: Pick<DeskHandshake, 'takePhoneTurn' | 'desk'>,
    private readonly onReleaseError: (error: unknown, ref: SessionRef) => void = () => {},
  ) {}

  /**
   * Marks one more turn of the session, unless the desk has it: then nothing is held and the desk's
   * lease is returned. Rejects as core does (PhoneTurnLeaseHeldError: another process runs a turn).
   */
  take(ref: SessionRef): Promise<MarkTake> {
    return this.inLine(ref, async () => {
      const mark = this.marks.get(ref.id)
      if (!mark) {
        const taken = await this.handshake.takePhoneTurn(ref.owner, ref.id, { app: BOT_APP })
        if ('desk' in taken) return taken
        const first = { held: taken.held, turns: 1 }
        this.marks.set(ref.id, first)
        return { hold: this.holdOf(ref, first) }
      }
      // Already held for a turn still running: the desk may have come since and waits for it.
      const desk = await this.handshake.desk.read(ref.owner, ref.id)
      if (desk) return { desk }
      mark.turns += 1
      return { hold: this.holdOf(ref, mark) }
    })
  }

  private holdOf(ref: SessionRef, mark: Mark): TurnHold {
    let released = false
    return {
      release: () => {
        if (released) return
        released = true
        void this.inLine(ref, async () => {
          mark.turns -= 1
          if (mark.turns > 0) return
          if (this.marks.get(ref.id) === mark) this.marks.delete(ref.id)
          await mark.held.release()
        }).catch((error: unknown) => this.onReleaseError(error, ref))
      },
    }
  }

  private inLine<T>(ref: SessionRef, run: () => Promise<T>): Promise<T> {
    const before = this.serial.get(ref.id) ?? Promise.resolve()
    const next = before.catch(() => {}).then(run)
    const settled = next.catch(() => {})
    this.serial.set(ref.id, settled)
    void settled.then(() => {
      if (this.serial.get(ref.id) === settled) this.serial.delete(ref.id)
    })
    return next
  }
}

/** Per SessionManager (one per bot): the conversation's turns and /compact share one set of marks. */
const shared = new WeakMap<object, PhoneTurnMarks>()

/** The bot's marks on the sessions of `deps.sessions`' data dir. */
export function phoneTurnMarksOf(deps: Pick<BotDeps, 'sessions' | 'logger'>): PhoneTurnMarks {
  let marks = shared.get(deps.sessions)
  if (!marks) {
    marks = new PhoneTurnMarks(
      new DeskHandshake({ dataDir: deps.sessions.dataDir }),
      (error, ref) =>
        deps.logger.warn({ err: error, sessionId: ref.id }, 'phone-turn lease: could not release'),
    )
    shared.set(deps.sessions, marks)
  }
  return marks
}
