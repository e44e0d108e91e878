/**
 * A notice that changes ("3 waiting", "5 messages not queued") as one message edited in place, not
 * a message per change. Changes are coalesced (UpdatePump: latest text only, never an unchanged
 * one, never two calls at once), so a burst of them costs a few calls and never floods the chat.
 */

import type { Logger } from '../logging/logger.js'
import { UpdatePump } from '../render/update-pump.js'
import type { ChatPlace } from '../telegram/chat-place.js'
import type { Outbox } from '../telegram/outbox.js'
import { deleteMessage, editText, sendText } from './telegram-calls.js'

export interface EditedNoticeOptions {
  outbox: Outbox
  place: ChatPlace
  logger: Logger
  /** The user's message the notice replies to. */
  replyTo?: number
  /** Minimum time between two edits; default 1 s (Telegram's per-chat pace). */
  minIntervalMs?: number
}

export class EditedNotice {
  private messageId: number | undefined
  private readonly pump: UpdatePump

  constructor(private readonly options: EditedNoticeOptions) {
    this.pump = new UpdatePump({
      deliver: (text) => this.deliver(text),
      minIntervalMs: options.minIntervalMs ?? 1000,
      onError: (error) => options.logger.warn({ err: error }, 'could not update a notice'),
    })
  }

  /** Shows `text`: the first time as a new message, later as an edit of it. */
  show(text: string): void {
    this.pump.offer(text)
  }

  /** Stops updating; the message stays as last shown. */
  async close(): Promise<void> {
    await this.pump.close()
  }

  /** Stops updating and deletes the message (once it was sent). */
  async remove(): Promise<void> {
    await this.pump.close()
    if (this.messageId === undefined) return
    const { outbox, place, logger } = this.options
    await deleteMessage(outbox, place.chatId, this.messageId).catch((error: unknown) =>
      logger.debug({ err: error }, 'could not delete a notice'),
    )
  }

  private async deliver(text: string): Promise<void> {
    const { outbox, place, replyTo } = this.options
    const { chatId, threadId } = place
    if (this.messageId === undefined) {
      this.messageId = await sendText(outbox, chatId, text, { replyTo, threadId })
    } else {
      await editText(outbox, chatId, this.messageId, text)
    }
  }
}
