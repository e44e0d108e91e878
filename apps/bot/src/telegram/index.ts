// Every outgoing Telegram call goes through the Outbox. Re-exported from src/index.ts by the wiring.

export {
  classifyError,
  isNotModified,
  isParseError,
  isRateLimited,
  isTransient,
} from './classify-error.js'
export { type Clock, systemClock } from './clock.js'
export { OutboxClosedError, TelegramError, TelegramNetworkError } from './errors.js'
export {
  type CallApi,
  type CallOptions,
  type Lane,
  Outbox,
  type OutboxOptions,
  type RetryEvent,
} from './outbox.js'
export { defaultRetryPolicy, type RetryPolicy } from './retry-policy.js'
