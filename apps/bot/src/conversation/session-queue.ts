/**
 * One session's line of messages in the bot: how many of its turns are unfinished (the one being
 * answered plus those waiting), the limit on those waiting, and the two notices about it, each one
 * message edited in place: "Queued: 3 messages waiting", and, past the limit, one refusal for the
 * whole burst ("Not queued: 5 messages"). A burst ends when the queue has room again or after
 * REFUSAL_BURST_MS; the next refused message then gets a new reply.
 *
 * Why here and not in the pool's TurnQueue: the limit is a policy towards the user (a reply, the
 * counts they see), and a refused message must never reach the pool or the inbox. The
 * bot also counts a turn until its answer is out, which is what the user waits for; the pool
 * forgets a turn as soon as its result arrives.
 */

import type { Logger } from '../logging/logger.js'
import type { ChatPlace } from '../telegram/chat-place.js'
import type { Outbox } from '../telegram/outbox.js'
import { EditedNotice } from './edited-notice.js'

export const DEFAULT_MAX_QUEUE = 20
export const REFUSAL_BURST_MS = 60_000

export interface SessionQueueOptions {
  outbox: Outbox
  logger: Logger
  /** Messages allowed to wait behind the one being answered. */
  maxQueue: number
  now?: () => number
}

interface Refusal {
  notice: EditedNotice
  count: number
  startedAt: number
}

export class SessionQueue {
  /** The end of the last accepted turn's presentation: the next one starts after it. */
  tail: Promise<void> = Promise.resolve()
  /** The last accepted message handed to the pool (uploads first fetch their files): keeps their order. */
  sent: Promise<void> = Promise.resolve()
  private open = 0
  private waitingNotice: EditedNotice | undefined
  private refusal: Refusal | undefined

  constructor(private readonly options: SessionQueueOptions) {}

  /** Turns accepted and not yet presented (the current one included). */
  get unfinished(): number {
    return this.open
  }

  /** Messages waiting behind the one being answered. */
  get waiting(): number {
    return Math.max(0, this.open - 1)
  }

  /** Whether one more message would pass the limit. */
  get full(): boolean {
    return this.waiting >= this.options.maxQueue
  }

  /** Takes a message into the line; tells the user when it waits behind another (unless `quiet`). */
  accept(place: ChatPlace, replyTo?: number, quiet = false): void {
    this.open += 1
    if (this.waiting === 0 || quiet) return
    this.waitingNotice ??= new EditedNotice({ ...this.options, place, replyTo })
    this.waitingNotice.show(waitingText(this.waiting))
  }

  /** A message refused because the line is full: one reply per burst, later ones update its count. */
  refuse(place: ChatPlace, sessionName: string, replyTo?: number): void {
    const now = this.options.now?.() ?? Date.now()
    if (this.refusal && now - this.refusal.startedAt > REFUSAL_BURST_MS) this.endRefusal()
    this.refusal ??= {
      notice: new EditedNotice({ ...this.options, place, replyTo }),
      count: 0,
      startedAt: now,
    }
    this.refusal.count += 1
    this.refusal.notice.show(refusalText(this.refusal.count, sessionName, this.options.maxQueue))
  }

  /** A turn's presentation is over: the next one is current, the count goes down. */
  finish(): void {
    this.open = Math.max(0, this.open - 1)
    if (!this.full) this.endRefusal()
    const notice = this.waitingNotice
    if (!notice) return
    if (this.waiting > 0) {
      notice.show(waitingText(this.waiting))
      return
    }
    this.waitingNotice = undefined
    void notice.remove()
  }

  /** Nothing is unfinished (so no notice is open either): the queue can be forgotten. */
  get idle(): boolean {
    return this.open === 0
  }

  private endRefusal(): void {
    void this.refusal?.notice.close()
    this.refusal = undefined
  }
}

function waitingText(waiting: number): string {
  return waiting === 1
    ? 'Queued: 1 message waiting — it runs after the current answer.'
    : `Queued: ${waiting} messages waiting — they run in order after the current answer.`
}

function refusalText(count: number, sessionName: string, maxQueue: number): string {
  const what = count === 1 ? 'your message was' : `${count} messages were`
  const again = count === 1 ? 'it' : 'them'
  return `Not queued: ${what} refused — session ${sessionName} already has ${maxQueue} messages waiting (the limit). Send ${again} again once an answer is out.`
}
