// Every outgoing Telegram call goes through the Outbox. Re-exported from src/index.ts by the wiring.

export { ALLOWED_UPDATES } from './allowed-updates.js'
// Bot API 9.x/10.x methods and updates Telegraf does not know (typed, zod-checked, via the Outbox).
export {
  BotApiReplyError,
  BotApiRequestError,
  BotApiUpdateError,
  closeForumTopic,
  createForumTopic,
  editForumTopic,
  getMeWithTopics,
  isTopicUnavailable,
  parseMessageGenerationStopped,
  reopenForumTopic,
  STOPPED_MESSAGE_GENERATION,
  sendMessageDraft,
  TopicIconColors,
} from './bot-api/index.js'
export {
  classifyError,
  isNotModified,
  isParseError,
  isPollingConflict,
  isRateLimited,
  isTokenRejected,
  isTransient,
  isUnknownOutcome,
  isWebhookConflict,
  shouldRetryLater,
} from './classify-error.js'
export { type Clock, systemClock } from './clock.js'
export { deadlineFor } from './deadlines.js'
export {
  OutboxClosedError,
  type PollingRefusal,
  PollingRefusedError,
  TelegramError,
  TelegramNetworkError,
  TelegramTimeoutError,
} from './errors.js'
export {
  type CallApi,
  type CallOptions,
  type Lane,
  Outbox,
  type OutboxOptions,
  type RetryEvent,
} from './outbox.js'
export { type PolledUpdate, Poller, type PollerOptions } from './poller.js'
export { defaultRetryPolicy, type RetryPolicy } from './retry-policy.js'
export { routeContextCalls } from './routed-telegram.js'
