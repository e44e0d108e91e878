/**
 * Takes a user's message to a session: refuses it when the session's line is full (SessionQueue:
 * one reply per burst, nothing recorded or queued), else records it as in flight, hands it to the
 * pool, and runs the turn off the Telegram handler (Telegraf waits for handlers; a turn may take
 * minutes). Turns of one session are presented in order: each one's progress and answer start
 * after the previous one's answer is out. When the pool refuses the message, the user is told to
 * send it again.
 */

import type { SessionMetadata } from '@switchboard/core'
import type { ProcessPool, SessionRef, Turn } from '@switchboard/process'
import { ownerOf } from '../deps.js'
import type { Logger } from '../logging/logger.js'
import { excerpt } from '../render/truncate.js'
import type { Outbox } from '../telegram/outbox.js'
import type { InflightStore } from './inflight-store.js'
import { interruptedNotice } from './interrupted-notice.js'
import { DEFAULT_MAX_QUEUE, SessionQueue } from './session-queue.js'
import { sendText } from './telegram-calls.js'
import { runTurn, type TurnOutcome, type TurnRunnerDeps } from './turn-runner.js'

export interface SubmitterDeps {
  pool: Pick<ProcessPool, 'send'>
  outbox: Outbox
  inflight: InflightStore
  logger: Logger
  runner: TurnRunnerDeps
  /** Messages allowed to wait per session behind the one being answered (default 20). */
  maxQueue?: number
}

export interface SubmitOptions {
  /** The user's message, for replies such as "Queued". */
  replyTo?: number
}

export class Submitter {
  /** Per session with unfinished turns: its line of messages. */
  private readonly sessions = new Map<string, SessionQueue>()
  /** Per session: the chat its owner last wrote to it from (prompts go there). */
  private readonly chats = new Map<string, number>()
  private readonly running = new Set<Promise<void>>()

  constructor(private readonly deps: SubmitterDeps) {}

  chatFor(ref: SessionRef): number | undefined {
    return this.chats.get(ref.id)
  }

  /** Every turn this bot started and has not finished presenting. */
  get pending(): ReadonlySet<Promise<void>> {
    return this.running
  }

  async submit(
    userId: number,
    chatId: number,
    text: string,
    session: SessionMetadata,
    options: SubmitOptions = {},
  ): Promise<void> {
    const { outbox, inflight, logger } = this.deps
    const ref: SessionRef = { owner: ownerOf(userId), id: session.id }
    this.chats.set(session.id, chatId)
    const tell = (message: string, replyTo?: number) =>
      sendText(outbox, chatId, message, { replyTo }).catch((error: unknown) =>
        logger.warn({ err: error, chatId }, 'could not send a notice'),
      )

    const queue = this.queueOf(ref.id)
    if (queue.full) {
      logger.debug({ sessionId: ref.id, waiting: queue.waiting }, 'queue full: message refused')
      queue.refuse(chatId, session.name, options.replyTo)
      return
    }
    // Counted before the first await, so messages arriving meanwhile see it.
    queue.accept(chatId, options.replyTo)
    // For queueing, a turn is over once its answer is out (what the user sees), not when the
    // in-flight record is cleared afterwards; a crash in between still leaves the record on disk.
    let finished = false
    const finish = () => {
      if (finished) return
      finished = true
      queue.finish()
      if (queue.idle && this.sessions.get(ref.id) === queue) this.sessions.delete(ref.id)
    }

    const notice = interruptedNotice(await inflight.takeInterrupted(ref.owner, ref.id))
    if (notice) void tell(notice)
    const record = inflight.add(ref.owner, ref.id, text)
    let turn: Turn
    try {
      turn = this.deps.pool.send(ref, text)
    } catch (error) {
      finish()
      logger.error({ err: error, sessionId: ref.id }, 'the pool refused a message')
      const reason = error instanceof Error ? error.message : String(error)
      void tell(
        `Your message could not be passed to Claude Code (${excerpt(reason)}). It was not run; please send it again.`,
        options.replyTo,
      )
      await record.written
      await inflight.remove(ref.owner, ref.id, record.key)
      return
    }

    const job = {
      ref,
      userId,
      chatId,
      sessionName: session.name,
      cwd: session.workingDirectory,
      turn,
      afterDelivery: async (outcome: TurnOutcome) => {
        finish()
        await record.written
        if (outcome === 'told') await inflight.remove(ref.owner, ref.id, record.key)
      },
    }
    const run = queue.tail
      .then(() => runTurn(this.deps.runner, job))
      .then(() => {})
      .catch((error: unknown) =>
        logger.error({ err: error, sessionId: ref.id }, 'turn runner failed'),
      )
      .finally(() => {
        finish()
        this.running.delete(run)
      })
    queue.tail = run
    this.running.add(run)
  }

  private queueOf(sessionId: string): SessionQueue {
    let queue = this.sessions.get(sessionId)
    if (!queue) {
      const { outbox, logger, maxQueue = DEFAULT_MAX_QUEUE } = this.deps
      queue = new SessionQueue({ outbox, logger, maxQueue })
      this.sessions.set(sessionId, queue)
    }
    return queue
  }
}
