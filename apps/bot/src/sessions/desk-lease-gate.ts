/**
 * Sessions open at the desk (`switchboard open`, apps/cli): while another app holds the session's
 * desk lease (core's DeskLeases), the bot must not drive the same Claude Code conversation. A
 * message for such a session is told so and waits (it is already in the inbox, so a restart keeps
 * it); once the lease ends — released, or stale because the terminal died — the session's
 * conversation id becomes where the desk left off (the newest conversation Claude Code recorded for
 * its directory) and its live process, on the old conversation, is restarted before the message runs.
 *
 * The other direction: a message that may run first marks its session as busy on the phone
 * (phone-turn-marks.ts) and only then looks at the desk lease — the desk takes its lease first and
 * then waits for a marked turn — so at most one side drives the conversation. The mark is held
 * until the turn ended (the caller releases the returned hold).
 */

import {
  type DeskLease,
  type DeskLeases,
  newestClaudeSessionId,
  PhoneTurnLeaseHeldError,
  type SessionManager,
} from '@switchboard/core'
import type { ProcessPool, SessionRef } from '@switchboard/process'
import { sendOrLog } from '../conversation/telegram-calls.js'
import type { Logger } from '../logging/logger.js'
import { escapeHtml } from '../render/html-escape.js'
import type { ChatPlace } from '../telegram/chat-place.js'
import type { Outbox } from '../telegram/outbox.js'
import { NO_HOLD, type PhoneTurnMarks, type TurnHold } from './phone-turn-marks.js'

export interface DeskLeaseGateDeps {
  leases: Pick<DeskLeases, 'read' | 'lastReleased'>
  /** Marks the session busy on the phone for the turn (the desk waits for it). */
  marks: Pick<PhoneTurnMarks, 'take'>
  sessions: Pick<SessionManager, 'getById' | 'updateById'>
  pool: Pick<ProcessPool, 'restart'>
  outbox: Outbox
  logger: Logger
  /** Claude Code's directory as the CLIs see it (the conversation store). */
  claudeConfigDir: string
  /** Shutting down: stop waiting (the message stays in the inbox for the next start). */
  isClosing: () => boolean
  /** How often a waiting message looks at the lease again (default 1 s). */
  pollMs?: number
}

/** What the message is for: the session, and where to tell its user. */
export interface GateRequest {
  ref: SessionRef
  sessionName: string
  place: ChatPlace
  replyTo?: number | undefined
}

export class DeskLeaseGate {
  /** Per session: the lease release this bot already caught up with. */
  private readonly seenRelease = new Map<string, string | null>()

  constructor(private readonly deps: DeskLeaseGateDeps) {}

  /**
   * Resolves when the session's next turn may run — at once when nobody has it open at the desk,
   * else after the lease ended — with the turn's mark on the session (release it when the turn
   * ended). Never rejects (a lease that can't be read or written counts as none).
   */
  async pass(request: GateRequest): Promise<TurnHold> {
    const { ref } = request
    let told = false
    try {
      for (;;) {
        const taken = await this.take(ref)
        if (taken === undefined) return NO_HOLD // shutting down
        if ('hold' in taken) {
          // Opened and closed at the desk since the bot last looked: its process is outdated.
          if (!told) await this.catchUpIfUsed(ref)
          return taken.hold
        }
        if (!told) this.tell(request, taken.desk)
        told = true
        if (!(await this.waitForEnd(ref))) return NO_HOLD
        await this.catchUp(ref)
      }
    } catch (error) {
      this.deps.logger.warn({ err: error, sessionId: ref.id }, 'desk lease: could not check')
      return NO_HOLD
    }
  }

  /** The mark, or the desk's lease; waits while another process runs a turn (undefined: closing). */
  private async take(ref: SessionRef) {
    for (;;) {
      try {
        return await this.deps.marks.take(ref)
      } catch (error) {
        if (!(error instanceof PhoneTurnLeaseHeldError)) throw error
        if (this.deps.isClosing()) return undefined
        await new Promise((resolve) => setTimeout(resolve, this.deps.pollMs ?? 1_000))
      }
    }
  }

  /** Catches up when the desk was used since the bot last looked; never throws (the mark is held). */
  private async catchUpIfUsed(ref: SessionRef): Promise<void> {
    try {
      if (await this.releasedSinceSeen(ref)) await this.catchUp(ref)
    } catch (error) {
      this.deps.logger.warn({ err: error, sessionId: ref.id }, 'desk lease: could not catch up')
    }
  }

  private tell(request: GateRequest, lease: DeskLease): void {
    const since = `${lease.startedAt.slice(11, 16)} UTC`
    const text = `<b>${escapeHtml(request.sessionName)}</b> is open at the desk since ${since}; your message waits and runs when it is closed there.`
    void sendOrLog(
      this.deps,
      request.place.chatId,
      text,
      { replyTo: request.replyTo, html: true, threadId: request.place.threadId },
      'desk lease: could not tell the user',
    )
    this.deps.logger.info({ sessionId: request.ref.id, lease }, 'desk lease: message waits')
  }

  /** True once the lease ended; false when the bot began shutting down first. */
  private async waitForEnd(ref: SessionRef): Promise<boolean> {
    const pollMs = this.deps.pollMs ?? 1_000
    while ((await this.deps.leases.read(ref.owner, ref.id)) !== null) {
      if (this.deps.isClosing()) return false
      await new Promise((resolve) => setTimeout(resolve, pollMs))
    }
    return !this.deps.isClosing()
  }

  private async releasedSinceSeen(ref: SessionRef): Promise<boolean> {
    const released = await this.deps.leases.lastReleased(ref.owner, ref.id)
    if (!this.seenRelease.has(ref.id)) {
      // First look since start: no process of this bot can hold an older conversation yet.
      this.seenRelease.set(ref.id, released)
      return false
    }
    return released !== this.seenRelease.get(ref.id)
  }

  /** Points the session at the desk's conversation and restarts its process on it. */
  private async catchUp(ref: SessionRef): Promise<void> {
    const { sessions, pool, logger, claudeConfigDir } = this.deps
    this.seenRelease.set(ref.id, await this.deps.leases.lastReleased(ref.owner, ref.id))
    const meta = await sessions.getById(ref.owner, ref.id)
    const newest = await newestClaudeSessionId(claudeConfigDir, meta.workingDirectory)
    if (newest !== null && newest !== meta.claudeSessionId) {
      await sessions.updateById(ref.owner, ref.id, { claudeSessionId: newest })
    }
    await pool.restart(ref)
    logger.info({ sessionId: ref.id, was: meta.claudeSessionId, now: newest }, 'desk lease ended')
  }
}
