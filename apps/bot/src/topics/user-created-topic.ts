/**
 * A topic the user creates in the client (Bot API 9.4: the bot allows users to create topics)
 * arrives as a service message with forum_topic_created, in the new topic. It becomes a session
 * named after the topic, with the default persona, and the reply says so inside the topic. Such a
 * message is never a prompt: this handler runs before the conversation's and ends the update.
 */

import type { Context } from 'telegraf'
import { sendOrLog } from '../conversation/telegram-calls.js'
import { ownerOf } from '../deps.js'
import type { Logger } from '../logging/logger.js'
import type { Outbox } from '../telegram/outbox.js'
import type { SeenTopicNames } from './seen-topic-names.js'
import type { SessionTopicsApi } from './session-topics-api.js'
import { topicSessionNotice } from './topic-notices.js'
import type { TopicSessionMaker } from './topic-session-maker.js'

export interface UserCreatedTopicDeps {
  topics: Pick<SessionTopicsApi, 'userWrote'>
  maker: Pick<TopicSessionMaker, 'sessionFor'>
  names: SeenTopicNames
  outbox: Outbox
  logger: Logger
}

export function createUserCreatedTopicHandler(deps: UserCreatedTopicDeps) {
  return async (ctx: Context, next: () => Promise<void>): Promise<void> => {
    deps.names.note(ctx)
    const message = ctx.message
    if (!message || !('forum_topic_created' in message)) return next()
    const from = ctx.from
    if (ctx.chat?.type !== 'private' || !from || from.is_bot) return
    const chatId = ctx.chat.id
    const threadId = message.message_thread_id ?? message.message_id
    const owner = ownerOf(from.id)
    const name = message.forum_topic_created.name
    try {
      await deps.topics.userWrote(owner, chatId, threadId)
      const made = await deps.maker.sessionFor(owner, chatId, threadId, name)
      if (!made.created) return
      const text = topicSessionNotice(made.meta.name, made.meta.persona, made.renamed)
      void sendOrLog(deps, chatId, text, { threadId }, 'could not announce a topic’s session')
    } catch (error) {
      deps.logger.error({ err: error, threadId }, 'could not make a session for a new topic')
      const limit = (error as { code?: string; limit?: number }).code === 'SESSION_LIMIT'
      const text = limit
        ? 'Could not create a session for this topic: you have as many sessions as allowed. /delete one, then write here.'
        : 'Could not create a session for this topic. Write here to try again.'
      void sendOrLog(deps, chatId, text, { threadId }, 'could not report a topic failure')
    }
  }
}
