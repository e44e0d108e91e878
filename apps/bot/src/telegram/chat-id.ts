/** Chat ids and the pacing Telegram expects per kind of chat. */

export type ChatId = number | string

/**
 * Minimum ms between calls to one chat. Private chats have positive ids (about one message per
 * second); groups, supergroups and channels have negative ids or "@name" (20 messages per minute).
 */
export function defaultChatIntervalMs(chatId: ChatId): number {
  return typeof chatId === 'number' && chatId > 0 ? 1000 : 3000
}

/** The `chat_id` of a Bot API payload, if it has one. */
export function chatIdOf(payload: Record<string, unknown>): ChatId | undefined {
  const id = payload.chat_id
  return typeof id === 'number' || typeof id === 'string' ? id : undefined
}
