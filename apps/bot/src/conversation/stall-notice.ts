/**
 * What the user sees when the watchdog reports a silent turn (`stalled`): one line, "No output from
 * Claude Code for 5 min", with a Stop button (the pool's stop: interrupt, then kill if frozen). It is
 * its own small message in every stream mode: edit mode's progress message carries ⏹ Stop too
 * (stop-button.ts), but a draft or a background session's status has none, and a new message is
 * what notifies the user of the silence. It goes away when output resumes (`active`) or the turn
 * ends, and its button expires with it.
 */

import type { CallbackAction } from '../callbacks/callback-actions.js'
import type { CallbackStore } from '../callbacks/callback-store.js'
import type { Logger } from '../logging/logger.js'
import { formatDuration } from '../permissions/request-abort.js'
import type { Outbox } from '../telegram/outbox.js'
import { STOP_BUTTON_TTL_MS } from './stop-button.js'
import { deleteMessage, sendOrLog } from './telegram-calls.js'

export interface StallNoticeOptions {
  outbox: Outbox
  callbacks: CallbackStore<CallbackAction>
  logger: Logger
  userId: number
  chatId: number
  threadId?: number
  sessionId: string
  sessionName: string
  /** The pool's turn id: the button stops this turn only, never a later one. */
  turnId: string
}

export class StallNotice {
  private shown: Promise<number | undefined> | undefined
  private group: string | undefined

  constructor(private readonly o: StallNoticeOptions) {}

  /** Shows the notice (once while it is up). */
  show(silentForMs: number): void {
    if (this.shown) return
    const { o } = this
    const action: CallbackAction = { type: 'stop_turn', sessionId: o.sessionId, turnId: o.turnId }
    const { group, data } = o.callbacks.create(o.userId, [action], STOP_BUTTON_TTL_MS)
    this.group = group
    const text = `⏸ No output from Claude Code for ${formatDuration(silentForMs)} (${o.sessionName}).`
    const buttons = [[{ text: 'Stop', callback_data: data[0] ?? '' }]]
    const options = { buttons, threadId: o.threadId }
    this.shown = sendOrLog(o, o.chatId, text, options, 'could not show the stall notice')
  }

  /** Output resumed or the turn ended: the notice and its button go. */
  async clear(): Promise<void> {
    const shown = this.shown
    this.shown = undefined
    if (this.group) this.o.callbacks.expire(this.group)
    this.group = undefined
    const messageId = await shown
    if (messageId === undefined) return
    await deleteMessage(this.o.outbox, this.o.chatId, messageId).catch((error: unknown) =>
      this.o.logger.debug({ err: error }, 'could not remove the stall notice'),
    )
  }
}
