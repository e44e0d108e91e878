/**
 * The stopped_message_generation update (Bot API 10.3): the user pressed Stop on a draft sent with
 * `can_stop`. MessageGenerationStopped (https://core.telegram.org/bots/api#messagegenerationstopped):
 * chat ("Chat in which the message is generated"), message_thread_id ("Optional. Unique identifier
 * of the message thread in which the message is generated"), draft_id ("Unique identifier of the
 * message draft which was stopped").
 */

import { z } from 'zod'
import { BotApiUpdateError, issuesOf } from './errors.js'

/**
 * The Update field that carries a MessageGenerationStopped. Issue 9 calls it by the type's name; the
 * field is `stopped_message_generation` (the Bot API's can_stop description: "The bot will receive
 * an Update "stopped_message_generation" if the user presses the button"; grammY, televerse and
 * aiogram agree). To be listed in ALLOWED_UPDATES.
 */
export const STOPPED_MESSAGE_GENERATION = 'stopped_message_generation'

export const MessageGenerationStoppedSchema = z
  .object({
    chat: z.object({ id: z.int(), type: z.string() }).loose(),
    message_thread_id: z.int().optional(),
    draft_id: z.int(),
  })
  .loose()
export type MessageGenerationStopped = z.infer<typeof MessageGenerationStoppedSchema>

/**
 * The stopped draft of `update`, or undefined for an update of another kind. A malformed one throws
 * BotApiUpdateError (details for the log).
 */
export function parseMessageGenerationStopped(
  update: unknown,
): MessageGenerationStopped | undefined {
  if (typeof update !== 'object' || update === null) return undefined
  const body = (update as Record<string, unknown>)[STOPPED_MESSAGE_GENERATION]
  if (body === undefined) return undefined
  const parsed = MessageGenerationStoppedSchema.safeParse(body)
  if (!parsed.success)
    throw new BotApiUpdateError(STOPPED_MESSAGE_GENERATION, issuesOf(parsed.error), body)
  return parsed.data
}
