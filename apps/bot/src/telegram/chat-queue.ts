/**
 * One chat's queue of outbox jobs: FIFO with two exceptions for the 'progress' lane (the live
 * view, which is lossy by nature — the next update carries the newest state):
 * - supersede: a waiting progress job is replaced by a newer one with the same key;
 * - yield: a progress job waiting for a retry (after a 5xx, a network error or a 429) never holds
 *   critical work (answers, prompts) queued behind it. It moves behind that work, or is dropped
 *   when running later would overwrite it (an edit of a message a critical call also changes; a
 *   draft, which the answer replaces).
 */

import type { Clock } from './clock.js'

export type Lane = 'critical' | 'progress'

interface Waiter {
  resolve: (value: unknown) => void
  reject: (error: unknown) => void
}

export interface Job {
  method: string
  payload: Record<string, unknown>
  lane: Lane
  supersedeKey: string | undefined
  waiters: Waiter[]
  /** True from the moment the call is on the wire until it settles: it can't be replaced then. */
  sending: boolean
  /** 5xx / network failures so far (429 waits are not counted). */
  failures: number
  /** True once an attempt failed: from then on a progress job yields to critical work. */
  retrying: boolean
  /** Earliest time of its next attempt. */
  retryAt: number
  signal: AbortSignal | undefined
  deadlineMs: number | undefined
  /** False: one attempt, failures go to the caller. */
  retry: boolean
  /** What the last failed attempt threw (given to the caller if the job gives up waiting). */
  lastError: unknown
}

export function settle(job: Job, value: unknown): void {
  for (const w of job.waiters) w.resolve(value)
}

export function fail(job: Job, error: unknown): void {
  for (const w of job.waiters) w.reject(error)
}

export class ChatQueue {
  readonly jobs: Job[] = []
  private wakeSleeper: (() => void) | undefined

  /** `nextAt`: when this chat may get its next call (spacing, or a 429's retry_after). */
  /** Until when a 429 told this chat to wait: even calls that are not spaced (drafts) wait. */
  floodUntil = 0

  constructor(public nextAt: number) {}

  /** Adds a job; returns true when the queue was empty (the caller starts draining it). */
  add(job: Job): boolean {
    const stale = job.supersedeKey
      ? this.jobs.findIndex((j) => j.supersedeKey === job.supersedeKey && !j.sending)
      : -1
    const old = this.jobs[stale]
    if (old && stale === 0) {
      // The head is waiting for its slot or a retry: send the newer content instead.
      old.method = job.method
      old.payload = job.payload
      old.waiters.push(...job.waiters)
      return false
    }
    if (old) {
      this.jobs.splice(stale, 1)
      job.waiters.unshift(...old.waiters)
    }
    this.jobs.push(job)
    if (job.lane === 'critical' && this.headYields()) this.wake()
    return this.jobs.length === 1
  }

  /**
   * If the head is a progress job waiting for a retry and critical work waits behind it, moves it
   * behind that work or drops it (its callers get `undefined`). True when the head changed.
   */
  yieldProgress(): boolean {
    const head = this.jobs[0]
    if (!head || !this.headYields()) return false
    this.jobs.shift()
    const critical = this.jobs.filter((j) => j.lane === 'critical')
    if (head.method === 'sendMessageDraft' || critical.some((j) => sameMessage(j, head))) {
      settle(head, undefined)
      return true
    }
    const newer = head.supersedeKey
      ? this.jobs.find((j) => j.supersedeKey === head.supersedeKey)
      : undefined
    if (newer) newer.waiters.unshift(...head.waiters)
    else this.jobs.splice(this.jobs.lastIndexOf(critical.at(-1) as Job) + 1, 0, head)
    return true
  }

  /** Waits until `at`, or until woken because critical work arrived behind a yielding head. */
  sleep(clock: Clock, at: number): Promise<void> {
    const ms = at - clock.now()
    if (ms <= 0) return Promise.resolve()
    return new Promise((resolve) => {
      const timer = clock.setTimer(() => this.wake(), ms)
      this.wakeSleeper = () => {
        clock.clearTimer(timer)
        this.wakeSleeper = undefined
        resolve()
      }
    })
  }

  wake(): void {
    this.wakeSleeper?.()
  }

  /** Removes `job` (by identity: the queue may have been reordered since it started). */
  remove(job: Job): void {
    const index = this.jobs.indexOf(job)
    if (index >= 0) this.jobs.splice(index, 1)
  }

  private headYields(): boolean {
    const head = this.jobs[0]
    return (
      head !== undefined &&
      head.lane === 'progress' &&
      head.retrying &&
      !head.sending &&
      this.jobs.some((j) => j.lane === 'critical')
    )
  }
}

/** Both calls act on the same message (an edit, a reply-markup change, a delete …). */
function sameMessage(a: Job, b: Job): boolean {
  const id = a.payload.message_id
  return typeof id === 'number' && id === b.payload.message_id
}
