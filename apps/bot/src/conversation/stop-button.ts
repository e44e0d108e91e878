/**
 * The "⏹ Stop" button of an edited progress message. It reuses the stall notice's `stop_turn`
 * action, so pressing it stops that turn only (never a later one) the way /stop does, and the turn's
 * own final message is the one confirmation. The button is made when the view first appears and
 * expires when the turn ends; every later edit of the view then goes out without it.
 */

import type { CallbackAction } from '../callbacks/callback-actions.js'
import type { CallbackStore } from '../callbacks/callback-store.js'
import type { InlineButton } from './telegram-calls.js'

/** A Stop button can't outlive its turn; this only bounds the store if a turn never ends. */
export const STOP_BUTTON_TTL_MS = 24 * 3_600_000

export const STOP_BUTTON_TEXT = '⏹ Stop'

export interface StopButtonOptions {
  callbacks: CallbackStore<CallbackAction>
  /** Who may press it: the user whose message started the turn. */
  userId: number
  sessionId: string
  /** The pool's turn id. */
  turnId: string
}

export interface InlineKeyboard {
  inline_keyboard: InlineButton[][]
}

export class StopButton {
  private group: string | undefined
  private data: string | undefined
  private expired = false

  constructor(private readonly o: StopButtonOptions) {}

  /** The keyboard to show with the view; undefined once the turn is over. */
  markup(): InlineKeyboard | undefined {
    if (this.expired) return undefined
    if (this.data === undefined) {
      const { o } = this
      const action: CallbackAction = { type: 'stop_turn', sessionId: o.sessionId, turnId: o.turnId }
      const { group, data } = o.callbacks.create(o.userId, [action], STOP_BUTTON_TTL_MS)
      this.group = group
      this.data = data[0] ?? ''
    }
    return { inline_keyboard: [[{ text: STOP_BUTTON_TEXT, callback_data: this.data }]] }
  }

  /**
   * The turn ended: the button goes from the next edit on, and a press answers "expired" (until
   * then, a press after the first answers "Already stopping…").
   */
  expire(): void {
    this.expired = true
    if (this.group !== undefined) this.o.callbacks.expire(this.group)
  }
}
