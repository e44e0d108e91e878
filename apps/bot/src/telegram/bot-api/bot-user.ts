/** getMe with the fields of Bot API 9.3/9.4 that tell whether the bot can use private-chat topics. */

import { z } from 'zod'
import type { CallOptions } from '../outbox.js'
import { type BotApiOutbox, callChecked } from './checked-call.js'

/**
 * The bot's own User as getMe returns it (https://core.telegram.org/bots/api#user).
 * - has_topics_enabled (9.3, Dec 2025): "Optional. True, if forum topic mode is enabled for the bot
 *   in private chats" (BotFather's Threaded Mode). Absent means false.
 * - allows_users_to_create_topics (9.4, Feb 2026): "Optional. True, if the bot allows users to
 *   create and delete topics in private chats. Returned only in getMe."
 */
export const BotUserSchema = z
  .object({
    id: z.int(),
    is_bot: z.boolean(),
    first_name: z.string(),
    username: z.string().optional(),
    has_topics_enabled: z.boolean().default(false),
    allows_users_to_create_topics: z.boolean().default(false),
  })
  .loose()
export type BotUser = z.infer<typeof BotUserSchema>

/** getMe, parsed: whether Threaded Mode is on and whether users may create topics themselves. */
export function getMeWithTopics(outbox: BotApiOutbox, options?: CallOptions): Promise<BotUser> {
  return callChecked(outbox, 'getMe', {}, BotUserSchema, options)
}
