/**
 * Which running turn owns which draft, so Telegram's Stop button (a stopped_message_generation
 * update naming chat and draft id) stops that turn. The live view registers its draft when it opens
 * and unregisters when the turn ends; a press on an older draft then finds nothing.
 */

import type { SessionRef } from '@switchboard/process'

export interface DraftOwner {
  ref: SessionRef
  turnId: string
  /** Sends no more drafts: the user stopped this one. */
  halt: () => void
}

export class DraftRegistry {
  private readonly owners = new Map<string, DraftOwner>()

  /** Registers `owner` for the draft; the returned function removes exactly that registration. */
  register(chatId: number, draftId: number, owner: DraftOwner): () => void {
    const key = keyOf(chatId, draftId)
    this.owners.set(key, owner)
    return () => {
      if (this.owners.get(key) === owner) this.owners.delete(key)
    }
  }

  /** The turn that owns draft `draftId` of chat `chatId` (the topic is not needed: ids are unique). */
  lookup(chatId: number, draftId: number): DraftOwner | undefined {
    return this.owners.get(keyOf(chatId, draftId))
  }

  get size(): number {
    return this.owners.size
  }
}

function keyOf(chatId: number, draftId: number): string {
  return `${chatId}:${draftId}`
}

/** The bot's registry: LiveProgress registers here, the Stop handler looks up here. */
export const liveDrafts = new DraftRegistry()
