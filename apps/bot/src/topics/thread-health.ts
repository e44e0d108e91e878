/**
 * What a "message thread not found" means. Telegram gives the same answer when the user deleted a
 * topic (no update tells the bot) and during tdlib/telegram-bot-api#847, when every send to a
 * private-chat topic failed after the Bot API 10.0 rollout. The heuristic:
 * - The first topic that fails was probably deleted by the user: 'deleted' (its session is
 *   unbound, nothing else changes). This holds for a topic no send reached yet this run too: after
 *   a restart, a topic deleted while the bot was down must not turn topics off for everyone.
 * - A second distinct topic failing with no successful topic send in between, or a topic judged
 *   deleted in which the user then wrote again (so it exists and Telegram is wrong): 'outage' —
 *   the flat chat for now, and the first topic's verdict is taken back (`takeRestorable`).
 * - Further failures of a topic already judged deleted: 'known' (just resend outside it).
 * An outage also clears the 'deleted' verdicts of its streak (`takeRestorable`): the topics that
 * failed before it were most likely victims of the same outage, so their sessions are bound again.
 * The user writing in a topic does not count as it working: during #847 users could write in
 * topics while every send to them failed, and the first send after their message (the typing
 * action) always goes before they could delete the topic. Every verdict still resends the call
 * outside the topic, so a wrong guess costs a label or an hour of the flat chat, never a message.
 */

export type ThreadVerdict = 'deleted' | 'outage' | 'known'

export class ThreadHealth {
  private readonly worked = new Set<string>()
  private readonly lost = new Set<string>()
  private readonly relapsed = new Set<string>()
  /** Distinct topics that failed since the last successful send to any topic. */
  private readonly failing = new Set<string>()

  /** The user wrote in the topic: it exists. True when it had been judged deleted before. */
  wrote(chatId: number, threadId: number): boolean {
    const k = key(chatId, threadId)
    if (!this.lost.delete(k)) return false
    this.relapsed.add(k)
    return true
  }

  /** A send to the topic succeeded. */
  delivered(chatId: number, threadId: number): void {
    const k = key(chatId, threadId)
    this.worked.add(k)
    this.failing.clear()
  }

  /**
   * After an 'outage': the topics judged deleted since the last successful topic send, which are
   * no longer judged so (their sessions should be bound again).
   */
  takeRestorable(): { chatId: number; threadId: number }[] {
    const restorable = [...this.lost].filter((k) => this.failing.has(k))
    for (const k of restorable) this.lost.delete(k)
    return restorable.map((k) => {
      const [chatId, threadId] = k.split(':').map(Number)
      return { chatId: chatId ?? 0, threadId: threadId ?? 0 }
    })
  }

  /** A send to the topic failed with "message thread not found". */
  failed(chatId: number, threadId: number): ThreadVerdict {
    const k = key(chatId, threadId)
    if (this.lost.has(k)) return 'known'
    this.failing.add(k)
    if (this.relapsed.has(k) || this.failing.size >= 2) return 'outage'
    this.worked.delete(k)
    this.lost.add(k)
    return 'deleted'
  }
}

function key(chatId: number, threadId: number): string {
  return `${chatId}:${threadId}`
}
