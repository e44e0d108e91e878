// Typed, zod-checked wrappers for the Bot API 9.x/10.x methods and updates Telegraf 4.16 (Bot API
// 7.1) does not know. Every call still goes through the Outbox.

// Methods
export { type BotUser, BotUserSchema, getMeWithTopics } from './bot-user.js'
export type { BotApiOutbox } from './checked-call.js'
// Errors and recognisers
export { BotApiReplyError, BotApiRequestError, BotApiUpdateError } from './errors.js'
// Types and limits
export {
  type ForumTopic,
  ForumTopicSchema,
  type TopicIconColor,
  TopicIconColors,
} from './forum-topic.js'
export {
  type CreateTopicInput,
  closeForumTopic,
  createForumTopic,
  type EditTopicInput,
  editForumTopic,
  reopenForumTopic,
  type TopicRef,
} from './forum-topic-calls.js'

// Incoming updates
export {
  type MessageGenerationStopped,
  MessageGenerationStoppedSchema,
  parseMessageGenerationStopped,
  STOPPED_MESSAGE_GENERATION,
} from './generation-stopped.js'
export { DRAFT_TEXT_MAX, type DraftInput, sendMessageDraft } from './message-draft.js'
export {
  isForumCreateForbidden,
  isNotAForum,
  isThreadNotFound,
  isTopicUnavailable,
} from './topic-errors.js'
