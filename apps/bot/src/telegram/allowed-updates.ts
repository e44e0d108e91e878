/**
 * The update types the bot handles, asked for explicitly in every getUpdates (Telegram's default
 * also sends e.g. my_chat_member and channel posts, which nothing here reads). One place: a new
 * handler for another type adds it here.
 */

import { STOPPED_MESSAGE_GENERATION } from './bot-api/generation-stopped.js'

export const ALLOWED_UPDATES: readonly string[] = [
  'message',
  'edited_message',
  'callback_query',
  // Telegram's Stop button on a draft (conversation/generation-stop.ts).
  STOPPED_MESSAGE_GENERATION,
]
