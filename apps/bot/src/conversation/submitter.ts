/**
 * Takes a user's message to a session: refuses it when the session's line is full (SessionQueue:
 * one reply per burst, nothing recorded or queued), else writes it to the inbox (durable before
 * `accept` resolves), hands it to the pool, and runs the turn off the Telegram handler (a turn may
 * take minutes). Messages reach the pool in the order they were accepted (an upload first fetches
 * its files), and turns of one session are presented in order: each one's progress and answer
 * start after the previous one's answer is out. New messages wait for start-up recovery, so what an
 * earlier run left queued goes first. When the pool refuses a message, the user is told to send it
 * again. An upload without a caption waits for the user's next message (pending-files.ts); images
 * go to Claude as image blocks with the prompt (upload-images.ts).
 */

import type { SessionMetadata } from '@switchboard/core'
import type { ProcessPool, Prompt, SessionRef, Turn } from '@switchboard/process'
import { ownerOf } from '../deps.js'
import type { Logger } from '../logging/logger.js'
import type { DeskLeaseGate } from '../sessions/desk-lease-gate.js'
import { NO_HOLD } from '../sessions/phone-turn-marks.js'
import { type ChatPlace, placeOf } from '../telegram/chat-place.js'
import type { Outbox } from '../telegram/outbox.js'
import { cliCommandOptions } from './cli-command-turn.js'
import { type EntryPromptDeps, entryPrompt, withWaiting } from './entry-prompt.js'
import type { Inbox } from './inbox.js'
import type { InboxEntry, UploadFile } from './inbox-entry.js'
import { PoolRefusedError, tellNotRun } from './not-run.js'
import { type ParkDeps, parkUpload } from './park-upload.js'
import type { PendingFiles, PendingKey } from './pending-files.js'
import { PoolHandover } from './pool-handover.js'
import { DEFAULT_MAX_QUEUE, SessionQueue } from './session-queue.js'
import { runTurn, type TurnOutcome, type TurnRunnerDeps } from './turn-runner.js'

/** `owner` and `boundToProject` (when known) decide where uploads go (upload-files.ts). */
export type SessionTarget = Pick<SessionMetadata, 'id' | 'name' | 'workingDirectory'> &
  Partial<Pick<SessionMetadata, 'owner' | 'boundToProject'>>

export interface SubmitterDeps {
  pool: Pick<ProcessPool, 'send'>
  outbox: Outbox
  inbox: Inbox
  logger: Logger
  runner: TurnRunnerDeps
  /** Messages allowed to wait per session behind the one being answered (default 20). */
  maxQueue?: number
  /** Builds an upload's prompt (saves its files into the session's uploads/). */
  uploadPrompt?: EntryPromptDeps['uploadPrompt']
  /** Where uploads without a caption wait for the next message (default: they run at once). */
  pending?: PendingFiles
  /** Saves a waiting upload at once (park-upload.ts). */
  saveEarly?: ParkDeps['saveEarly']
  /** Resolves once start-up recovery re-submitted what earlier runs left (default: at once). */
  recovered?: Promise<void>
  /** Holds a message while its session is open at the desk (sessions/desk-lease-gate.ts). */
  deskGate?: Pick<DeskLeaseGate, 'pass'>
}

export interface AcceptRequest {
  userId: number
  chatId: number
  /** The topic the message came from: the turn answers there. */
  threadId?: number
  session: SessionTarget
  /** The user's message, for replies such as "Queued". */
  replyTo?: number
  /** A text prompt, or the files of an upload (whose prompt is built when its turn is prepared). */
  prompt?: string
  files?: UploadFile[]
  /** An album: its turn is prepared once this resolves (all its items are in). */
  complete?: Promise<void>
  /** Files without a caption: set aside until the next message says what to do (with `pending`). */
  askFirst?: boolean
}

/** An accepted message: on disk; an album's later items join it. No entry: files set aside to wait. */
export interface Accepted {
  entry?: InboxEntry
  addFile(file: UploadFile): Promise<void>
}

export class Submitter {
  /** Per session with unfinished turns: its line of messages. */
  private readonly sessions = new Map<string, SessionQueue>()
  /** Per session: the chat (and topic) its owner last wrote to it from (prompts go there). */
  private readonly chats = new Map<string, ChatPlace>()
  private readonly running = new Set<Promise<void>>()

  private readonly handover: PoolHandover

  constructor(private readonly deps: SubmitterDeps) {
    this.handover = new PoolHandover(deps.inbox, deps.runner.isClosing)
  }

  chatFor(ref: SessionRef): ChatPlace | undefined {
    return this.chats.get(ref.id)
  }

  /** Every turn this bot started and has not finished presenting. */
  get pending(): ReadonlySet<Promise<void>> {
    return this.running
  }

  /** Accepts a message: resolves once it is on disk (undefined: refused, the line is full). */
  async accept(request: AcceptRequest): Promise<Accepted | undefined> {
    const { inbox, logger } = this.deps
    const { userId, chatId, threadId, session, replyTo } = request
    if (inbox.accepted(chatId, replyTo)) {
      // Telegram sent it again: the bot died after taking it in, before confirming the update.
      logger.info({ sessionId: session.id, messageId: replyTo }, 'inbox: message already accepted')
      return undefined
    }
    const place = placeOf(chatId, threadId)
    this.chats.set(session.id, place)
    const key: PendingKey = { owner: ownerOf(userId), sessionId: session.id }
    if (this.deps.pending && request.askFirst && request.prompt === undefined) {
      return parkUpload({ ...this.deps, pending: this.deps.pending }, key, request)
    }
    const queue = this.queueOf(session.id)
    if (queue.full) {
      logger.debug({ sessionId: session.id, waiting: queue.waiting }, 'queue full: message refused')
      queue.refuse(place, session.name, replyTo)
      return undefined
    }
    // Counted before the first await, so messages arriving meanwhile see it.
    queue.accept(place, replyTo)
    const waiting = (await this.deps.pending?.list(key)) ?? []
    const content = withWaiting(request, waiting)
    const entry = await inbox.accept({
      userId,
      chatId,
      ...(threadId === undefined ? {} : { threadId }),
      owner: ownerOf(userId),
      sessionId: session.id,
      sessionName: session.name,
      replyTo,
      ...content,
    })
    // The entry holds them now; should the disk refuse, they would only be attached once more later.
    if (waiting.length > 0) {
      await this.deps.pending
        ?.remove(key, waiting)
        .catch((error: unknown) => logger.warn({ err: error }, 'could not clear waiting files'))
    }
    const recovered = this.deps.recovered ?? Promise.resolve()
    void recovered.then(() => this.enqueue(entry, session, queue, request.complete))
    return { entry, addFile: (file) => inbox.addFile(entry, file) }
  }

  /** Runs an entry again (start-up recovery, Run again): no limit; `quiet`: no "Queued" notice. */
  resume(entry: InboxEntry, session: SessionTarget, quiet: boolean): void {
    const place = placeOf(entry.chatId, entry.threadId)
    this.chats.set(session.id, place)
    const queue = this.queueOf(session.id)
    queue.accept(place, entry.replyTo, quiet)
    this.enqueue(entry, session, queue)
  }

  private enqueue(
    entry: InboxEntry,
    session: SessionTarget,
    queue: SessionQueue,
    complete?: Promise<void>,
  ): void {
    const { inbox, logger, runner } = this.deps
    const ref: SessionRef = { owner: entry.owner, id: entry.sessionId }
    // For queueing, a turn is over once its answer is out (what the user sees), not when its
    // inbox entry is removed afterwards; a crash in between still leaves the entry on disk.
    let finished = false
    const finish = () => {
      if (finished) return
      finished = true
      queue.finish()
      if (queue.idle && this.sessions.get(ref.id) === queue) this.sessions.delete(ref.id)
    }
    const notRun = async (error: unknown, what: string) => {
      finish()
      logger.error({ err: error, sessionId: ref.id }, what)
      await tellNotRun(this.deps, placeOf(entry.chatId, entry.threadId), entry.replyTo, error)
      await inbox.done(entry)
    }
    const send = async () => {
      await complete
      const place = placeOf(entry.chatId, entry.threadId)
      // The session is marked busy on the phone from here until its turn ended in the pool.
      const hold =
        (await this.deps.deskGate?.pass({
          ref,
          sessionName: session.name,
          place,
          replyTo: entry.replyTo,
        })) ?? NO_HOLD
      // Shutting down: the entry stays queued on disk and runs at the next start.
      if (runner.isClosing()) {
        hold.release()
        return finish()
      }
      let prompt: Prompt
      try {
        prompt = await entryPrompt(this.deps, entry, session)
      } catch (error) {
        hold.release()
        return notRun(error, 'could not prepare a message')
      }
      if (runner.isClosing()) {
        hold.release()
        return finish()
      }
      const options = await cliCommandOptions(runner, ref, prompt)
      let turn: Turn
      try {
        turn = await this.handover.send(ref.id, entry, () =>
          this.deps.pool.send(ref, prompt, options),
        )
      } catch (error) {
        hold.release()
        return notRun(new PoolRefusedError(error), 'the pool refused a message')
      }
      // Answered, failed, stopped, or failed by a shutdown: `done` settles on every path.
      void turn.done.catch(() => {}).finally(() => hold.release())
      this.present(queue, finish, {
        ref,
        userId: entry.userId,
        chatId: entry.chatId,
        ...(entry.threadId === undefined ? {} : { threadId: entry.threadId }),
        sessionName: session.name,
        cwd: session.workingDirectory,
        turn,
        onShown: (messageId: number) => inbox.shown(entry, messageId),
        onOutcomeSaved: () => inbox.done(entry),
        afterDelivery: async (outcome: TurnOutcome) => {
          finish()
          if (outcome === 'told') await inbox.done(entry)
        },
      })
    }
    queue.sent = queue.sent
      .then(send)
      .catch((error: unknown) =>
        logger.error({ err: error, sessionId: ref.id }, 'could not submit a message'),
      )
  }

  private present(queue: SessionQueue, finish: () => void, job: Parameters<typeof runTurn>[1]) {
    const run = queue.tail
      .then(() => runTurn(this.deps.runner, job))
      .then(() => {})
      .catch((error: unknown) =>
        this.deps.logger.error({ err: error, sessionId: job.ref.id }, 'turn runner failed'),
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
