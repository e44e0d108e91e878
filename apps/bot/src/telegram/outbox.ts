/**
 * Every outgoing Telegram call goes through the Outbox.
 * - Per chat: strict FIFO, one call in flight, and a minimum spacing between calls (Telegram allows
 *   about one message per second in a chat and 20 per minute in a group; edits count).
 * - Globally: at most `globalPerSecond` calls start per second (Telegram's bot-wide limit is ~30/s).
 * - Retries: 429 waits `retry_after` (+ jitter) and retries the same call, blocking only that chat;
 *   5xx / network failures back off exponentially; other 4xx reject with a typed TelegramError.
 * - Lanes: 'critical' calls (answers, prompts) are never dropped or merged. A 'progress' call with a
 *   `supersedeKey` replaces a not-yet-sent call with the same key (its promise then settles with the
 *   newer call's outcome), so a slow chat gets the latest live view, not a backlog of stale ones.
 */

import { type ChatId, chatIdOf, defaultChatIntervalMs } from './chat-id.js'
import { classifyError, isRateLimited } from './classify-error.js'
import { type Clock, sleep, systemClock } from './clock.js'
import { OutboxClosedError } from './errors.js'
import { RateGate } from './rate-gate.js'
import { defaultRetryPolicy, type RetryPolicy, retryDelay } from './retry-policy.js'

/** Telegraf's `telegram.callApi`, or any function with its contract (throws on `ok: false`). */
export type CallApi = (method: string, payload: Record<string, unknown>) => Promise<unknown>
export type Lane = 'critical' | 'progress'

export interface CallOptions {
  /** Ordering key; defaults to `payload.chat_id`. Calls without a chat only pass the global cap. */
  chatId?: ChatId
  /** Default 'critical'. */
  lane?: Lane
  /** With lane 'progress': a waiting call with the same key is replaced by this one. */
  supersedeKey?: string
}

export interface RetryEvent {
  method: string
  chatId: ChatId | undefined
  delayMs: number
  error: unknown
}

export interface OutboxOptions extends Partial<RetryPolicy> {
  callApi: CallApi
  clock?: Clock
  /** Minimum ms between calls to one chat. Default: 1000 for private chats, 3000 for groups. */
  chatIntervalMs?: (chatId: ChatId) => number
  /** Global cap on calls started per second. Default 25 (below Telegram's ~30). */
  globalPerSecond?: number
  /** Source of jitter; default Math.random. */
  random?: () => number
  /** Told about every retry (for logging). */
  onRetry?: (event: RetryEvent) => void
}

interface Waiter {
  resolve: (value: unknown) => void
  reject: (error: unknown) => void
}

interface Job {
  method: string
  payload: Record<string, unknown>
  supersedeKey: string | undefined
  waiters: Waiter[]
  /** True from the moment the call is on the wire until it settles: it can't be replaced then. */
  sending: boolean
}

interface ChatQueue {
  jobs: Job[]
  nextAt: number
}

export type { ChatId }

export class Outbox {
  private readonly queues = new Map<string, ChatQueue>()
  private readonly unordered = new Set<Job>()
  private readonly clock: Clock
  private readonly gate: RateGate
  private readonly policy: RetryPolicy
  private readonly idleWaiters: (() => void)[] = []
  // When each recently used chat may get its next call: kept after its queue drains, so replies to a
  // user who sends one message at a time still keep the per-chat spacing (and a 429's retry_after).
  private readonly chatNextAt = new Map<string, number>()
  private closed = false

  constructor(private readonly options: OutboxOptions) {
    this.clock = options.clock ?? systemClock
    this.gate = new RateGate(options.globalPerSecond ?? 25, 1000, this.clock)
    this.policy = { ...defaultRetryPolicy, ...stripUndefined(options) }
  }

  /** Queues a Bot API call and resolves with its result (or rejects with a typed error). */
  call<T = unknown>(
    method: string,
    payload: Record<string, unknown>,
    options: CallOptions = {},
  ): Promise<T> {
    if (this.closed) return Promise.reject(new OutboxClosedError(method))
    const chatId = options.chatId ?? chatIdOf(payload)
    const supersedeKey = options.lane === 'progress' ? options.supersedeKey : undefined
    return new Promise<T>((resolve, reject) => {
      const waiter: Waiter = { resolve: resolve as (v: unknown) => void, reject }
      const job: Job = { method, payload, supersedeKey, waiters: [waiter], sending: false }
      if (chatId === undefined) {
        this.unordered.add(job)
        void this.run(job, undefined, { jobs: [job], nextAt: 0 }).finally(() => {
          this.unordered.delete(job)
          this.checkIdle()
        })
        return
      }
      this.enqueue(chatId, job)
    })
  }

  /** Number of calls waiting or in flight (for one chat, or all). */
  pending(chatId?: ChatId): number {
    if (chatId !== undefined) return this.queues.get(String(chatId))?.jobs.length ?? 0
    let total = this.unordered.size
    for (const q of this.queues.values()) total += q.jobs.length
    return total
  }

  /** Resolves once nothing is queued or in flight. */
  idle(): Promise<void> {
    if (this.pending() === 0) return Promise.resolve()
    return new Promise((resolve) => this.idleWaiters.push(resolve))
  }

  /** Rejects everything not yet sent with OutboxClosedError and refuses new calls. */
  close(): void {
    this.closed = true
    for (const q of this.queues.values()) {
      for (const job of q.jobs.splice(q.jobs[0]?.sending ? 1 : 0))
        fail(job, new OutboxClosedError(job.method))
    }
  }

  private enqueue(chatId: ChatId, job: Job): void {
    const key = String(chatId)
    let queue = this.queues.get(key)
    if (!queue) {
      queue = { jobs: [], nextAt: this.chatNextAt.get(key) ?? 0 }
      this.queues.set(key, queue)
    }
    const stale = job.supersedeKey
      ? queue.jobs.findIndex((j) => j.supersedeKey === job.supersedeKey && !j.sending)
      : -1
    const old = queue.jobs[stale]
    if (old && stale === 0) {
      // The head is waiting for its slot or a retry: send the newer content instead.
      old.method = job.method
      old.payload = job.payload
      old.waiters.push(...job.waiters)
      return
    }
    if (old) {
      queue.jobs.splice(stale, 1)
      job.waiters.unshift(...old.waiters)
    }
    queue.jobs.push(job)
    if (queue.jobs.length === 1) void this.drain(key, chatId, queue)
  }

  private async drain(key: string, chatId: ChatId, queue: ChatQueue): Promise<void> {
    for (let job = queue.jobs[0]; job; job = queue.jobs[0]) {
      await this.run(job, chatId, queue)
      queue.jobs.shift()
    }
    this.queues.delete(key)
    this.rememberSpacing(key, queue.nextAt)
    this.checkIdle()
  }

  private rememberSpacing(key: string, nextAt: number): void {
    const now = this.clock.now()
    this.chatNextAt.delete(key)
    if (nextAt > now) this.chatNextAt.set(key, nextAt)
    // Bounded: entries whose time has passed carry no information.
    if (this.chatNextAt.size > 1_000) {
      for (const [chat, at] of this.chatNextAt) if (at <= now) this.chatNextAt.delete(chat)
    }
  }

  /** Sends one job, waiting for its chat's slot and the global cap, retrying as the policy says. */
  private async run(job: Job, chatId: ChatId | undefined, queue: ChatQueue): Promise<void> {
    const interval =
      chatId === undefined ? 0 : (this.options.chatIntervalMs ?? defaultChatIntervalMs)(chatId)
    for (let transientTries = 0; ; ) {
      await sleep(this.clock, queue.nextAt - this.clock.now())
      await this.gate.acquire()
      if (this.closed) return fail(job, new OutboxClosedError(job.method))
      queue.nextAt = this.clock.now() + interval
      job.sending = true
      try {
        const result = await this.options.callApi(job.method, job.payload)
        for (const w of job.waiters) w.resolve(result)
        return
      } catch (raw) {
        const error = classifyError(job.method, raw)
        const delayMs = retryDelay(
          error,
          transientTries,
          this.policy,
          this.options.random ?? Math.random,
        )
        if (delayMs === undefined) return fail(job, error)
        if (!isRateLimited(error)) transientTries++
        this.options.onRetry?.({ method: job.method, chatId, delayMs, error })
        queue.nextAt = Math.max(queue.nextAt, this.clock.now() + delayMs)
      } finally {
        job.sending = false
      }
    }
  }

  private checkIdle(): void {
    if (this.pending() > 0) return
    for (const resolve of this.idleWaiters.splice(0)) resolve()
  }
}

function fail(job: Job, error: unknown): void {
  for (const w of job.waiters) w.reject(error)
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>
}
