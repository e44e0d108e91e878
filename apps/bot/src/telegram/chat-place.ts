/**
 * Where a message goes: a chat, and in a private chat with topics (Bot API 9.3) one of its topics.
 * A session's turn answers where its message came from, so the place travels with the turn.
 */

import type { Context } from 'telegraf'

export interface ChatPlace {
  chatId: number
  /** The topic (message_thread_id); absent: the chat outside any topic (the general view). */
  threadId?: number
}

/** The place of `chatId`/`threadId`, without an undefined `threadId` key. */
export function placeOf(chatId: number, threadId?: number): ChatPlace {
  return threadId === undefined ? { chatId } : { chatId, threadId }
}

/** `chat_id` and, in a topic, `message_thread_id` of a send method's payload. */
export function placeParams(place: ChatPlace): { chat_id: number; message_thread_id?: number } {
  return place.threadId === undefined
    ? { chat_id: place.chatId }
    : { chat_id: place.chatId, message_thread_id: place.threadId }
}

/** A map key per place ("chat" or "chat:thread"). */
export function placeKey(place: ChatPlace): string {
  return place.threadId === undefined ? String(place.chatId) : `${place.chatId}:${place.threadId}`
}

/**
 * The topic an update's message (new, edited, or the message of a pressed button) belongs to: its message_thread_id in a private chat (Telegram sets
 * it only for topics there; in groups it may also mark a reply thread, which the bot never serves).
 */
export function threadOf(ctx: Context): number | undefined {
  const message = ctx.message ?? ctx.editedMessage ?? ctx.callbackQuery?.message
  if (!message || ctx.chat?.type !== 'private') return undefined
  const thread = (message as { message_thread_id?: unknown }).message_thread_id
  return typeof thread === 'number' && Number.isInteger(thread) && thread > 0 ? thread : undefined
}

/** The place an update came from, if it has a chat. */
export function placeOfUpdate(ctx: Context): ChatPlace | undefined {
  return ctx.chat ? placeOf(ctx.chat.id, threadOf(ctx)) : undefined
}
