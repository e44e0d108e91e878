/**
 * Telegram's refusals that mean "topics do not work here (now)": the caller falls back to the flat
 * chat. Matched on Telegram's description, as the rest of classify-error.ts does.
 */

import { classifyError } from '../classify-error.js'
import { TelegramError } from '../errors.js'

/**
 * "400 Bad Request: message thread not found": the topic is gone, or (tdlib/telegram-bot-api#847,
 * May 2026, after the Bot API 10.0 rollout) every send to a private-chat topic failed so.
 */
export function isThreadNotFound(error: unknown): boolean {
  return descriptionOf(error).includes('message thread not found')
}

/** BOT_FORUM_CREATE_FORBIDDEN: createForumTopic refused in a private chat (same issue #847). */
export function isForumCreateForbidden(error: unknown): boolean {
  return descriptionOf(error).includes('bot_forum_create_forbidden')
}

/**
 * "Bad Request: the chat is not a forum": topics are off in that chat (Threaded Mode off; wording as
 * reported in NousResearch/hermes-agent#13162).
 */
export function isNotAForum(error: unknown): boolean {
  return descriptionOf(error).includes('not a forum')
}

/** Any of the above: stop using topics for this chat and fall back to the flat chat. */
export function isTopicUnavailable(error: unknown): boolean {
  return isThreadNotFound(error) || isForumCreateForbidden(error) || isNotAForum(error)
}

function descriptionOf(error: unknown): string {
  const classified = error instanceof TelegramError ? error : classifyError('', error)
  return classified instanceof TelegramError ? classified.description.toLowerCase() : ''
}
