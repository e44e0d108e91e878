/**
 * In memory: which session each topic belongs to, both ways. Loaded from core's metadata at
 * start-up and kept in step on every bind/unbind, so routing a message never reads the disk.
 * A private chat has one owner (chat id = user id), so a topic is keyed by chat and thread.
 */

import type { TopicBinding } from './topic-binding.js'

export interface TopicEntry {
  owner: string
  sessionId: string
  /** The session's name, for the "[name]" label when an answer falls back to the flat chat. */
  name: string
  chatId: number
  threadId: number
}

export class TopicIndex {
  private readonly byTopic = new Map<string, TopicEntry>()
  /** Per session: its topic in each chat (normally one chat: the owner's). */
  private readonly bySession = new Map<string, Map<number, TopicEntry>>()

  get size(): number {
    return this.byTopic.size
  }

  /** Binds the topic to the session (replacing either side's earlier binding). */
  set(owner: string, sessionId: string, name: string, topic: TopicBinding): TopicEntry {
    this.removeTopic(topic.chatId, topic.threadId)
    this.removeSession(sessionId, topic.chatId)
    const entry: TopicEntry = { owner, sessionId, name, ...topic }
    this.byTopic.set(key(topic.chatId, topic.threadId), entry)
    const chats = this.bySession.get(sessionId) ?? new Map<number, TopicEntry>()
    chats.set(topic.chatId, entry)
    this.bySession.set(sessionId, chats)
    return entry
  }

  /** The entry of a topic, if it is bound. */
  at(chatId: number, threadId: number): TopicEntry | undefined {
    return this.byTopic.get(key(chatId, threadId))
  }

  /** The session's topic in `chatId`, if any. */
  ofSession(sessionId: string, chatId: number): TopicEntry | undefined {
    return this.bySession.get(sessionId)?.get(chatId)
  }

  /** Every topic of the session (any chat). */
  allOfSession(sessionId: string): TopicEntry[] {
    return [...(this.bySession.get(sessionId)?.values() ?? [])]
  }

  /** Keeps the label current after a rename. */
  rename(sessionId: string, name: string): void {
    for (const entry of this.allOfSession(sessionId)) entry.name = name
  }

  /** Forgets the session's topic in `chatId` (every chat when omitted). */
  removeSession(sessionId: string, chatId?: number): void {
    const chats = this.bySession.get(sessionId)
    if (!chats) return
    for (const entry of [...chats.values()]) {
      if (chatId !== undefined && entry.chatId !== chatId) continue
      chats.delete(entry.chatId)
      this.byTopic.delete(key(entry.chatId, entry.threadId))
    }
    if (chats.size === 0) this.bySession.delete(sessionId)
  }

  /** Forgets whatever session the topic was bound to. */
  removeTopic(chatId: number, threadId: number): TopicEntry | undefined {
    const entry = this.at(chatId, threadId)
    if (entry) this.removeSession(entry.sessionId, chatId)
    return entry
  }
}

function key(chatId: number, threadId: number): string {
  return `${chatId}:${threadId}`
}
