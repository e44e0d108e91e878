/**
 * Every Telegram call goes through the Outbox (also getUpdates, getMe and getFile; `ctx.telegram`
 * is routed here too, see routed-telegram.ts).
 * - Per chat: strict FIFO, one call in flight, and a minimum spacing between calls (Telegram allows
 *   about one message per second in a chat and 20 per minute in a group; edits count).
 * - Globally: at most `globalPerSecond` calls start per second (Telegram's bot-wide limit is ~30/s).
 * - Deadlines: every call is aborted after a time suited to it (deadlines.ts); a timeout is a
 *   network failure.
 * - Retries: 429 waits `retry_after` (+ jitter) and retries the same call, blocking only that chat;
 *   5xx / network failures back off exponentially; other 4xx reject with a typed TelegramError.
 * - Unknown outcomes: sends that are not idempotent wait, while Telegram is unreachable, until
 *   a probe proves it reachable again (network-health.ts): at most one visible duplicate.
 * - Lanes: 'critical' calls (answers, prompts) are never dropped or merged. 'progress' calls (the
 *   live view) are superseded by newer ones with the same key, retried only briefly, and never
 *   hold critical calls while they wait for a retry (chat-queue.ts).
 */

import { exponentialBackoff } from './backoff.js'
import { type ChatId, chatIdOf, defaultChatIntervalMs } from './chat-id.js'
import { ChatQueue, fail, type Job, type Lane, settle } from './chat-queue.js'
import { classifyError, isRateLimited } from './classify-error.js'
import { type Clock, sleep, systemClock } from './clock.js'
import { deadlineFor } from './deadlines.js'
import { OutboxClosedError, TelegramError, TelegramNetworkError } from './errors.js'
import { getMeProbe, NetworkHealth, needsHealthyNetwork } from './network-health.js'
import type { CallOptions, OutboxOptions, RetryEvent } from './outbox-options.js'
import { RateGate } from './rate-gate.js'
import { type RetryPolicy, retryDelay, retryPolicies } from './retry-policy.js'
import { threadFailureOf } from './thread-fallback.js'
import { type CallApi, timedCall } from './timed-call.js'
import { DraftWindows, isUnspaced } from './unspaced-calls.js'

export type { CallApi, CallOptions, ChatId, Lane, OutboxOptions, RetryEvent }

export class Outbox {
  private readonly queues = new Map<string, ChatQueue>()
  private readonly unordered = new Set<{ job: Job; tracked: boolean }>()
  private readonly clock: Clock
  private readonly gate: RateGate
  private readonly policies: Record<Lane, RetryPolicy>
  private readonly health: NetworkHealth
  private readonly idleWaiters: (() => void)[] = []
  // When each recently used chat may get its next call: kept after its queue drains, so replies to a
  // user who sends one message at a time still keep the per-chat spacing (and a 429's retry_after).
  private readonly chatNextAt = new Map<string, number>()
  private readonly drafts = new DraftWindows()
  private closed = false

  constructor(private readonly options: OutboxOptions) {
    this.clock = options.clock ?? systemClock
    this.gate = new RateGate(options.globalPerSecond ?? 25, 1000, this.clock)
    this.policies = retryPolicies(options)
    this.health = new NetworkHealth(getMeProbe(options.callApi, this.clock), this.clock)
  }

  /** Calls `listener` each time Telegram answers again after a network failure (the poller renews its poll). */
  onNetworkRecovered(listener: () => void): () => void {
    return this.health.onRecovered(listener)
  }

  /** Queues a Bot API call and resolves with its result (or rejects with a typed error). */
  call<T = unknown>(
    method: string,
    payload: Record<string, unknown>,
    options: CallOptions = {},
  ): Promise<T> {
    if (this.closed) return Promise.reject(new OutboxClosedError(method))
    const chatId = options.chatId ?? chatIdOf(payload)
    const lane = options.lane ?? 'critical'
    return new Promise<T>((resolve, reject) => {
      const job: Job = {
        method,
        payload,
        lane,
        supersedeKey: lane === 'progress' ? options.supersedeKey : undefined,
        waiters: [{ resolve: resolve as (v: unknown) => void, reject }],
        sending: false,
        failures: 0,
        retrying: false,
        retryAt: 0,
        signal: options.signal,
        deadlineMs: options.deadlineMs,
        retry: options.retry ?? true,
        lastError: undefined,
      }
      if (chatId === undefined) this.runUnordered(job, options.tracked ?? true)
      else this.enqueue(chatId, job)
    })
  }

  /** Number of calls waiting or in flight (for one chat, or all). */
  pending(chatId?: ChatId): number {
    if (chatId !== undefined) return this.queues.get(String(chatId))?.jobs.length ?? 0
    let total = 0
    for (const entry of this.unordered) if (entry.tracked) total++
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
    this.health.close(new OutboxClosedError('(waiting for the network)'))
    for (const q of this.queues.values()) {
      for (const job of q.jobs.splice(q.jobs[0]?.sending ? 1 : 0))
        fail(job, new OutboxClosedError(job.method))
      q.wake()
    }
  }

  private enqueue(chatId: ChatId, job: Job): void {
    const key = String(chatId)
    let queue = this.queues.get(key)
    if (!queue) {
      queue = new ChatQueue(this.chatNextAt.get(key) ?? 0)
      this.queues.set(key, queue)
    }
    if (queue.add(job)) void this.drain(key, chatId, queue)
  }

  private async drain(key: string, chatId: ChatId, queue: ChatQueue): Promise<void> {
    const interval = (this.options.chatIntervalMs ?? defaultChatIntervalMs)(chatId)
    for (let job = queue.jobs[0]; job; job = queue.jobs[0]) {
      if (queue.yieldProgress()) continue
      const unspaced = isUnspaced(job.method)
      const spacing = unspaced
        ? Math.max(this.draftStartAt(job, chatId), queue.floodUntil)
        : queue.nextAt
      if (waitsForDraftWindow(job, spacing, this.clock.now())) {
        // Up to 20 s when several topics stream: like a retry, it must not hold an answer or a
        // prompt queued behind it (it is dropped then: the answer replaces the preview).
        job.retrying = true
        if (queue.yieldProgress()) continue
      }
      await queue.sleep(this.clock, Math.max(spacing, job.retryAt))
      if (queue.jobs[0] !== job || queue.yieldProgress()) continue
      if (!(await this.readyToSend(job))) {
        queue.remove(job)
        continue
      }
      if (queue.jobs[0] !== job || queue.yieldProgress()) continue
      if (!unspaced) queue.nextAt = this.clock.now() + interval
      else if (job.method === 'sendMessageDraft') this.drafts.record(chatId, this.clock.now())
      const retry = await this.attempt(job, chatId)
      if (retry === undefined) queue.remove(job)
      else if (retry.rateLimited) {
        queue.nextAt = Math.max(queue.nextAt, retry.at)
        queue.floodUntil = Math.max(queue.floodUntil, retry.at)
      }
    }
    this.queues.delete(key)
    this.rememberSpacing(key, queue.nextAt)
    this.checkIdle()
  }

  /** When a draft may start (its chat's window); a typing action may go at once. */
  private draftStartAt(job: Job, chatId: ChatId): number {
    const now = this.clock.now()
    return job.method === 'sendMessageDraft' ? this.drafts.nextAt(chatId, now) : now
  }

  private async runUnordered(job: Job, tracked: boolean): Promise<void> {
    const entry = { job, tracked }
    this.unordered.add(entry)
    try {
      for (;;) {
        await sleep(this.clock, job.retryAt - this.clock.now())
        if (this.closed) return fail(job, new OutboxClosedError(job.method))
        if (!(await this.readyToSend(job))) return
        if ((await this.attempt(job, undefined)) === undefined) return
      }
    } finally {
      this.unordered.delete(entry)
      this.checkIdle()
    }
  }

  /**
   * Waits for the global cap and, for a send that is not idempotent, for a reachable network.
   * That wait uses the job's retry budget as an attempt would: while Telegram stays unreachable
   * the job gives up as it would have by retrying, without having resent anything.
   */
  private async readyToSend(job: Job): Promise<boolean> {
    try {
      while (needsHealthyNetwork(job.method) && this.health.suspect) {
        const policy = this.policies[job.lane]
        const waitMs = exponentialBackoff(policy.backoffBaseMs, job.failures, policy.backoffMaxMs)
        if (await this.health.whenHealthy(waitMs)) break
        if (++job.failures > policy.maxTransientRetries)
          throw (
            job.lastError ?? new TelegramNetworkError(job.method, 'Telegram is unreachable', false)
          )
      }
    } catch (error) {
      fail(job, error)
      return false
    }
    await this.gate.acquire()
    if (!this.closed) return true
    fail(job, new OutboxClosedError(job.method))
    return false
  }

  /** One try of `job`: undefined once its callers are answered, else when it may try again. */
  private async attempt(
    job: Job,
    chatId: ChatId | undefined,
  ): Promise<{ at: number; rateLimited: boolean } | undefined> {
    job.sending = true
    const token = this.health.begin()
    try {
      const result = await timedCall(this.options.callApi, job.method, job.payload, {
        clock: this.clock,
        signal: job.signal,
        deadlineMs: job.deadlineMs ?? deadlineFor(job.method, job.payload),
      })
      this.health.answered(token)
      if (job.payload.message_thread_id !== undefined)
        this.options.threads?.delivered?.(job.method, job.payload)
      settle(job, result)
      return undefined
    } catch (raw) {
      const error = classifyError(job.method, raw)
      if (error instanceof TelegramNetworkError) this.health.failed(token)
      else if (error instanceof TelegramError) this.health.answered(token)
      const rescued = this.rescueThread(job, error)
      if (rescued === 'skipped') return undefined
      if (rescued === 'resend') return { at: this.clock.now(), rateLimited: false }
      const random = this.options.random ?? Math.random
      const delayMs = job.retry
        ? retryDelay(error, job.failures, this.policies[job.lane], random)
        : undefined
      if (delayMs === undefined) {
        fail(job, error)
        return undefined
      }
      const rateLimited = isRateLimited(error)
      if (!rateLimited) job.failures++
      job.lastError = error
      job.retrying = true
      job.retryAt = this.clock.now() + delayMs
      this.options.onRetry?.({ method: job.method, chatId, delayMs, error })
      return { at: job.retryAt, rateLimited }
    } finally {
      job.sending = false
    }
  }

  /** A send to a missing/closed topic: resent outside it, or skipped, as the hook says (thread-fallback.ts). */
  private rescueThread(job: Job, error: unknown): 'resend' | 'skipped' | undefined {
    const hook = this.options.threads
    if (hook === undefined || job.payload.message_thread_id === undefined) return undefined
    const failure = threadFailureOf(job.method, error)
    const rescue = failure && hook.lost(job.method, job.payload, failure)
    if (!rescue) return undefined
    if ('skip' in rescue) {
      settle(job, rescue.skip)
      return 'skipped'
    }
    job.payload = rescue.resend
    return 'resend'
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

  private checkIdle(): void {
    if (this.pending() > 0) return
    for (const resolve of this.idleWaiters.splice(0)) resolve()
  }
}

/** A live-view draft that must wait for its chat's draft window (or a 429) before it may go. */
function waitsForDraftWindow(job: Job, startAt: number, now: number): boolean {
  return job.method === 'sendMessageDraft' && job.lane === 'progress' && startAt > now
}
