// Fake Telegram Bot API server for end-to-end tests: strict like the real one.

export type { AudioFile } from './audio-file.js'
export type { CallStats } from './call-stats.js'
export type { ChatMessage, ChatView, TopicView } from './chat-view.js'
// Errors
export {
  EntityParseError,
  FakeTelegramError,
  type FakeTelegramErrorCode,
  FakeTelegramTimeoutError,
  FakeTelegramUsageError,
  TelegramApiError,
} from './errors.js'
export type { Failure } from './fail-next.js'
export type { ApiCall, TopicsOptions } from './fake-state.js'
// Commonly used
export {
  DEFAULT_TOKEN,
  type FakeTelegram,
  type FakeTelegramOptions,
  startFakeTelegram,
} from './fake-telegram.js'
export { DEFAULT_FLOOD, type FloodOptions, type FloodWindow } from './flood-control.js'
export { SUPPORTED_METHODS } from './methods/registry.js'
export { TOPIC_ICON_COLORS } from './methods/topic-methods.js'
// For experts: the formatting rules on their own
export { entitiesToHtml } from './text/entities-to-html.js'
export { parseFormatted } from './text/format-text.js'
export { parseHtml } from './text/html-parser.js'
export { parseMarkdownV2 } from './text/markdown-v2-parser.js'
// Bot API shapes the fake produces
export type {
  Audio,
  BotCommand,
  CallbackQuery,
  Chat,
  Document,
  FakeUser,
  ForumTopic,
  InlineKeyboardButton,
  InlineKeyboardMarkup,
  Message,
  MessageEntity,
  MessageGenerationStopped,
  PhotoSize,
  ReplyMarkup,
  Update,
  User,
  Voice,
} from './types.js'
export type { MediaGroupItem, UserPlace } from './user-actions.js'
export type { VoiceNote } from './user-voice.js'
export type { VisibleEvent, VisibleKind, VisibleListener } from './visible-log.js'
export type { WaitForOptions } from './wait-for.js'
