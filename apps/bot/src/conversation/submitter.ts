/**
 * Takes a user's message to a session: records it as in flight, hands it to the pool, tells the user
 * when it is queued behind a running turn, and runs the turn off the Telegram handler (Telegraf
 * waits for handlers; a turn may take minutes). Turns of one session are presented in order: each
 * one's progress and answer start after the previous one's answer is out. Nothing is dropped: when
 * the pool refuses the message, the user is told to send it again.
 */

import type { SessionMetadata } from '@switchboard/core'
import type { ProcessPool, SessionRef, Turn } from '@switchboard/process'
import { ownerOf } from '../deps.js'
import type { Logger } from '../logging/logger.js'
import type { Outbox } from '../telegram/outbox.js'
import type { InflightStore } from './inflight-store.js'
import { sendText } from './telegram-calls.js'
import { runTurn, type TurnOutcome, type TurnRunnerDeps } from './turn-runner.js'

export interface SubmitterDeps {
  pool: Pick<ProcessPool, 'send'>
  outbox: Outbox
  inflight: InflightStore
  logger: Logger
  runner: TurnRunnerDeps
}

export interface SubmitOptions {
  /** The user's message, for replies such as "Queued". */
  replyTo?: number
}

export class Submitter {
  /** Per session: the end of its last turn's presentation, and how many turns are unfinished. */
  private readonly sessions = new Map<string, { tail: Promise<void>; open: number }>()
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

    for (const cut of await inflight.takeInterrupted(ref.owner, ref.id)) {
      void tell(
        `Your previous message "${shorten(cut.prompt)}" was interrupted by a restart; its answer may be incomplete.`,
      )
    }
    const record = inflight.add(ref.owner, ref.id, text)
    let turn: Turn
    try {
      turn = this.deps.pool.send(ref, text)
    } catch (error) {
      logger.error({ err: error, sessionId: ref.id }, 'the pool refused a message')
      const reason = error instanceof Error ? error.message : String(error)
      void tell(
        `Your message could not be passed to Claude Code (${reason}). It was not run; please send it again.`,
        options.replyTo,
      )
      await record.written
      await inflight.remove(ref.owner, ref.id, record.key)
      return
    }

    const state = this.sessions.get(ref.id) ?? { tail: Promise.resolve(), open: 0 }
    this.sessions.set(ref.id, state)
    if (state.open > 0) {
      void tell(
        `Queued (position ${state.open}) — it runs after the current answer.`,
        options.replyTo,
      )
    }
    state.open += 1
    // For queueing, a turn is over once its answer is out (what the user sees), not when the
    // in-flight record is cleared afterwards; a crash in between still leaves the record on disk.
    let finished = false
    const finish = () => {
      if (finished) return
      finished = true
      state.open -= 1
      if (state.open === 0 && this.sessions.get(ref.id) === state) this.sessions.delete(ref.id)
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
    const run = state.tail
      .then(() => runTurn(this.deps.runner, job))
      .then(() => {})
      .catch((error: unknown) =>
        logger.error({ err: error, sessionId: ref.id }, 'turn runner failed'),
      )
      .finally(() => {
        finish()
        this.running.delete(run)
      })
    state.tail = run
    this.running.add(run)
  }
}

function shorten(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim()
  return line.length <= 80 ? line : `${line.slice(0, 79)}…`
}
