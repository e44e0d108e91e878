/**
 * Calls that are not messages, and so are not spaced like messages. Telegram's ~1 message per second
 * per chat is about messages and edits; a typing action is not a message, and drafts
 * (sendMessageDraft) have a budget of their own. Spacing them like messages made the first streamed
 * text of a turn wait a second behind its "working…" draft, and made a send wait behind a draft.
 * Drafts instead share a per-chat sliding window below the fake's (and our guess of Telegram's)
 * 20 per 20 s, so several topics of one chat streaming at once still never see a 429: a burst at
 * the start of a turn, then about one draft per second for the whole chat.
 */

import type { ChatId } from './chat-id.js'

/** Drafts allowed per chat in any DRAFT_WINDOW_MS (Telegram publishes no figure; the fake allows 20). */
export const DRAFTS_PER_WINDOW = 19
export const DRAFT_WINDOW_MS = 20_000

export function isUnspaced(method: string): boolean {
  return method === 'sendMessageDraft' || method === 'sendChatAction'
}

/** Per chat: when drafts started, to keep each chat within DRAFTS_PER_WINDOW. */
export class DraftWindows {
  private readonly starts = new Map<string, number[]>()

  /** The earliest time a draft may start in `chatId` (now or later). */
  nextAt(chatId: ChatId, now: number): number {
    const recent = this.recent(chatId, now)
    if (recent.length < DRAFTS_PER_WINDOW) return now
    return (recent[0] ?? now) + DRAFT_WINDOW_MS
  }

  /** A draft starts now in `chatId`. */
  record(chatId: ChatId, now: number): void {
    this.recent(chatId, now).push(now)
  }

  private recent(chatId: ChatId, now: number): number[] {
    const key = String(chatId)
    // One short list per chat of allowed users: small, so it is never removed.
    const kept = (this.starts.get(key) ?? []).filter((at) => at > now - DRAFT_WINDOW_MS)
    this.starts.set(key, kept)
    return kept
  }
}
