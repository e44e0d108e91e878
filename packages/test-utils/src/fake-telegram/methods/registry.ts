import {
  deleteMyCommands,
  deleteWebhook,
  getMe,
  getMyCommands,
  getWebhookInfo,
  setMyCommands,
  setWebhook,
} from './bot-methods.js'
import {
  deleteMessage,
  editMessageCaption,
  editMessageReplyMarkup,
  editMessageText,
} from './edit-methods.js'
import { getFile, sendDocument, sendPhoto } from './file-methods.js'
import type { MethodHandler } from './method.js'
import { profileMethods } from './profile-methods.js'
import { sendChatAction, sendMessage, sendMessageDraft } from './send-methods.js'
import {
  closeForumTopic,
  createForumTopic,
  deleteForumTopic,
  editForumTopic,
  reopenForumTopic,
} from './topic-methods.js'
import { answerCallbackQuery, getUpdates } from './update-methods.js'

const METHODS: Record<string, MethodHandler> = {
  getMe,
  getUpdates,
  setWebhook,
  deleteWebhook,
  getWebhookInfo,
  setMyCommands,
  getMyCommands,
  deleteMyCommands,
  ...profileMethods,
  sendMessage,
  sendMessageDraft,
  sendChatAction,
  editMessageText,
  editMessageCaption,
  editMessageReplyMarkup,
  deleteMessage,
  answerCallbackQuery,
  sendDocument,
  sendPhoto,
  getFile,
  createForumTopic,
  editForumTopic,
  closeForumTopic,
  reopenForumTopic,
  deleteForumTopic,
}

// Bot API method names are case-insensitive.
const BY_LOWER = new Map(
  Object.entries(METHODS).map(([name, handler]) => [name.toLowerCase(), { name, handler }]),
)

/** The handler and canonical name for a method, or undefined (404). */
export function findMethod(name: string): { name: string; handler: MethodHandler } | undefined {
  return BY_LOWER.get(name.toLowerCase())
}

/** Every method the fake implements. */
export const SUPPORTED_METHODS: readonly string[] = Object.keys(METHODS)
