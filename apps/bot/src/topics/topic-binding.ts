/** A session's topic as core stores it (`meta.topic`): the private chat and the topic's message_thread_id. */

import type { SessionManager, SessionMetadata } from '@switchboard/core'

export interface TopicBinding {
  chatId: number
  threadId: number
}

/** What the topic service needs of core to keep `meta.topic` in step. */
export type TopicStore = Pick<SessionManager, 'setTopic'>

/** The session's topic, or null (metadata written before topics reads as null). */
export function topicOf(meta: Pick<SessionMetadata, 'topic'>): TopicBinding | null {
  return meta.topic ?? null
}
