import type { Message } from './types.js'

/** What kind of change the user saw. */
export type VisibleKind = 'message' | 'edit' | 'draft'

/** One change of what the user sees, stamped with the fake's clock (the `now` option). */
export interface VisibleEvent {
  /** ms from the fake's clock (Date.now unless `now` was given). */
  at: number
  chatId: number
  threadId?: number
  kind: VisibleKind
  /** The text or caption as shown, after entity parsing ('' for a file without a caption). */
  text: string
  /** The message sent or edited (kinds 'message' and 'edit'). */
  messageId?: number
  /** The draft updated (kind 'draft'). */
  draftId?: number
}

/** The event for a message the bot sent or edited. */
export function messageEvent(kind: 'message' | 'edit', message: Message): Omit<VisibleEvent, 'at'> {
  return {
    chatId: message.chat.id,
    ...(message.message_thread_id === undefined ? {} : { threadId: message.message_thread_id }),
    kind,
    text: message.text ?? message.caption ?? '',
    messageId: message.message_id,
  }
}

export type VisibleListener = (event: VisibleEvent) => void

/**
 * The timeline of successful sends, edits and drafts, for benchmarks ("time to first visible
 * text"). Listeners run synchronously when the change happens, before Telegram answers the bot.
 */
export class VisibleLog {
  readonly #events: VisibleEvent[] = []
  readonly #listeners = new Set<VisibleListener>()

  record(event: VisibleEvent): void {
    this.#events.push(event)
    for (const listener of this.#listeners) {
      try {
        listener(event)
      } catch (error) {
        // A broken listener must not turn the bot's call into a 500; surface it to the test runner.
        queueMicrotask(() => {
          throw error
        })
      }
    }
  }

  events(): VisibleEvent[] {
    return this.#events.map((e) => ({ ...e }))
  }

  /** Subscribes; returns the unsubscribe function. */
  listen(listener: VisibleListener): () => void {
    this.#listeners.add(listener)
    return () => {
      this.#listeners.delete(listener)
    }
  }
}
