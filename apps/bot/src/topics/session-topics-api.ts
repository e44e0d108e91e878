/**
 * Sessions as topics (Bot API 9.3/9.4: topics in private chats with the bot). What the rest of the
 * bot may ask of the topic service; implemented by SessionTopics (session-topics.ts).
 * Every session of a user lives in at most one topic of that user's private chat (chat id = user id);
 * the mapping is kept in core's metadata (`meta.topic`) and in an index in memory.
 */

import type { SessionMetadata } from '@switchboard/core'

export interface SessionTopicsApi {
  /**
   * Topics are in use right now: the bot has Threaded Mode (getMe has_topics_enabled) and no
   * fallback to the flat chat is in force (Telegram refused a topic call, see `fallBack`).
   */
  readonly active: boolean
  /** The bot lets users create topics themselves (getMe allows_users_to_create_topics). */
  readonly usersCanCreate: boolean
  /** The id of the owner's session bound to topic `threadId` of `chatId`, if any. */
  sessionIdFor(owner: string, chatId: number, threadId: number): string | undefined
  /** The topic (message_thread_id) the session is bound to in `chatId`, if any. */
  threadOf(
    meta: Pick<SessionMetadata, 'id' | 'owner' | 'topic'>,
    chatId: number,
  ): number | undefined
  /**
   * The session's topic in `chatId`, created (named after the session, an icon colour per persona)
   * and bound when it has none. Undefined when topics are not active or Telegram refused; then the
   * bot has fallen back to the flat chat (and said so once). Never throws.
   */
  ensureTopic(meta: SessionMetadata, chatId: number): Promise<number | undefined>
  /** Binds an existing topic (e.g. one the user created) to the session, in core and the index. */
  bind(meta: SessionMetadata, chatId: number, threadId: number): Promise<SessionMetadata>
  /** Renames the session's topic (editForumTopic) after /rename; failures are logged. */
  renamed(meta: SessionMetadata): Promise<void>
  /**
   * The session was archived (/delete): closes its topic (never deletes messages), forgets it.
   * Takes what a damaged session still has (its id; `topic: null` when unreadable).
   */
  archived(meta: Pick<SessionMetadata, 'id' | 'name' | 'topic'>): Promise<void>
  /**
   * Start-up: the index topic ↔ session from core's metadata (`meta.topic`) of every session
   * (conversation.recover() passes the list it reads anyway).
   */
  load(sessions: readonly SessionMetadata[]): void
  /**
   * The user wrote in topic `threadId` (so it exists): the id of the owner's session bound to it,
   * also one it was unbound from this run because it seemed deleted (bound again then), if any.
   */
  userWrote(owner: string, chatId: number, threadId: number): Promise<string | undefined>
}
