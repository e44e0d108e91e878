/** Forum topics (also in private chats with the bot since Bot API 9.3/9.4): the type and its limits. */

import { z } from 'zod'

/**
 * The six icon colours Telegram accepts (createForumTopic `icon_color`: "Color of the topic icon in
 * RGB format. Currently, must be one of 7322096 (0x6FB9F0), 16766590 (0xFFD67E), 13338331
 * (0xCB86DB), 9367192 (0x8EEE98), 16749490 (0xFF93B2), or 16478047 (0xFB6F5F)";
 * https://core.telegram.org/bots/api#createforumtopic, same list in MTProto's messageActionTopicCreate).
 */
export const TopicIconColors = {
  blue: 0x6fb9f0,
  yellow: 0xffd67e,
  violet: 0xcb86db,
  green: 0x8eee98,
  rose: 0xff93b2,
  red: 0xfb6f5f,
} as const
export type TopicIconColor = (typeof TopicIconColors)[keyof typeof TopicIconColors]

const iconColors = Object.values(TopicIconColors)
export const TopicIconColorSchema = z
  .int()
  .refine((value): value is TopicIconColor => (iconColors as number[]).includes(value), {
    message: `must be one of ${iconColors.join(', ')}`,
  })

/** createForumTopic `name`: "Topic name, 1-128 characters" (counted here in UTF-16 units, as JS does). */
export const TopicNameSchema = z.string().min(1).max(128)

/** A message_thread_id: a positive Integer ("Unique identifier for the target message thread"). */
export const ThreadIdSchema = z.int().positive()

/** `chat_id`: "Integer or String" (a chat id, or @username of a supergroup). */
export const ChatIdSchema = z.union([z.int(), z.string().min(1)])

/**
 * ForumTopic (https://core.telegram.org/bots/api#forumtopic): message_thread_id, name, icon_color
 * ("Color of the topic icon in RGB format"), optional icon_custom_emoji_id, and optional
 * is_name_implicit ("True, if the name of the topic wasn't specified explicitly by its creator and
 * likely needs to be changed by the bot"). icon_color is not narrowed to the six values: Telegram
 * only promises them "currently" for input.
 */
export const ForumTopicSchema = z
  .object({
    message_thread_id: z.int(),
    name: z.string(),
    icon_color: z.int(),
    icon_custom_emoji_id: z.string().optional(),
    is_name_implicit: z.boolean().optional(),
  })
  .loose()
export type ForumTopic = z.infer<typeof ForumTopicSchema>
