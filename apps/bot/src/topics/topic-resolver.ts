/**
 * Which session a message runs in when the bot may use topics (MessageHandlerDeps.resolveSession):
 * - in a bound topic: that session, answering in the topic (the active session is not changed, so
 *   several sessions run side by side); while the flat chat is in force, answering outside it;
 * - in a topic the bot does not know: a new session named after the topic (topic-session-maker.ts);
 * - in the general view: the active session, as without topics, answering there. When topics are
 *   active and that session has no topic yet, it gets one now, and the user is told once.
 */

import type { SessionManager } from '@switchboard/core'
import type { PromptSource, ResolvedSession } from '../conversation/message-handler.js'
import { ownerOf } from '../deps.js'
import type { Logger } from '../logging/logger.js'
import { ensureActiveSession } from '../sessions/active-session.js'
import { placeOf } from '../telegram/chat-place.js'
import type { Outbox } from '../telegram/outbox.js'
import type { SessionTopicsApi } from './session-topics-api.js'
import { fallbackTopicName } from './topic-names.js'
import { ownTopicNotice } from './topic-notices.js'
import type { TopicSessionMaker } from './topic-session-maker.js'

export interface TopicResolverDeps {
  sessions: SessionManager
  topics: SessionTopicsApi
  maker: Pick<TopicSessionMaker, 'sessionFor'>
  outbox: Pick<Outbox, 'call'>
  logger: Logger
}

/** The name of the topic a message was written in, when Telegram told it (seen-topic-names.ts). */
export type TopicNameOf = (source: PromptSource) => string | undefined

/** Whether the bot made the topic a message was written in (seen-topic-names.ts). */
export type TopicMadeByBot = (source: PromptSource) => boolean

export function createTopicResolver(
  deps: TopicResolverDeps,
  topicNameOf: TopicNameOf = () => undefined,
  topicMadeByBot: TopicMadeByBot = () => false,
) {
  // Sessions whose new topic is on the way: two quick messages must not announce it twice.
  const announcing = new Set<string>()
  return async (source: PromptSource): Promise<ResolvedSession> => {
    const { threadId, chatId } = source
    if (threadId === undefined) return inGeneralView(deps, source, announcing)
    const owner = ownerOf(source.userId)
    const answerIn = () => (deps.topics.active ? placeOf(chatId, threadId) : placeOf(chatId))
    const bound = await deps.topics.userWrote(owner, chatId, threadId)
    if (bound !== undefined) {
      const meta = await deps.sessions.getById(owner, bound).catch((error: unknown) => {
        if ((error as { code?: string }).code !== 'SESSION_NOT_FOUND') throw error
        return undefined // gone meanwhile: the topic gets a new session
      })
      if (meta) return { meta, created: false, place: answerIn() }
    }
    const name = topicNameOf(source) ?? fallbackTopicName(threadId)
    const made = await deps.maker.sessionFor(owner, chatId, threadId, name, topicMadeByBot(source))
    return { meta: made.meta, created: made.created, place: answerIn() }
  }
}

async function inGeneralView(
  deps: TopicResolverDeps,
  source: PromptSource,
  announcing: Set<string>,
): Promise<ResolvedSession> {
  const { meta, created } = await ensureActiveSession(deps, source.userId)
  const place = placeOf(source.chatId)
  const needsTopic = deps.topics.active && deps.topics.threadOf(meta, source.chatId) === undefined
  if (needsTopic && !announcing.has(meta.id)) {
    announcing.add(meta.id)
    // Not awaited: the answer stays here, so the message need not wait for Telegram.
    void deps.topics.ensureTopic(meta, source.chatId).then((thread) => {
      announcing.delete(meta.id)
      if (thread === undefined) return
      deps.outbox
        .call('sendMessage', { chat_id: source.chatId, text: ownTopicNotice(meta.name) })
        .catch((error: unknown) => deps.logger.warn({ err: error }, 'could not announce a topic'))
    })
  }
  return { meta, created, place }
}
