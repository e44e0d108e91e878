/**
 * sendMessageDraft (Bot API 9.5; can_stop / keep_on_stop 10.3): streams a partial answer into a
 * private chat. https://core.telegram.org/bots/api#sendmessagedraft — "the streamed draft is
 * ephemeral and acts as a temporary 30-second preview": the final answer must still be sent with
 * sendMessage.
 */

import { z } from 'zod'
import type { CallOptions } from '../outbox.js'
import { type BotApiOutbox, callChecked, validated } from './checked-call.js'
import { ThreadIdSchema } from './forum-topic.js'

/** "Text of the message to be sent, 0-4096 characters after entities parsing." */
export const DRAFT_TEXT_MAX = 4096

const DraftInput = z
  .object({
    // "Unique identifier for the target private chat" (Integer; private chats have positive ids).
    chatId: z.int().positive(),
    threadId: ThreadIdSchema.optional(),
    // "Unique identifier of the message draft; must be non-zero. Changes to drafts with the same
    // identifier are animated."
    draftId: z.int().refine((id) => id !== 0, { message: 'must be non-zero' }),
    // "Pass an empty text to show a "Thinking..." placeholder." (9.5 still said 1-4096.)
    text: z.string(),
    parseMode: z.enum(['HTML', 'MarkdownV2', 'Markdown']).optional(),
    // "Pass True to show the user a button to stop further drafts" (→ stopped_message_generation).
    canStop: z.boolean().optional(),
    // Keep the draft in the chat when Stop is pressed (still gone after a short time or the next
    // message of the bot).
    keepOnStop: z.boolean().optional(),
  })
  // The limit counts characters after entities parsing: markup can only be checked by Telegram.
  .refine((input) => input.parseMode !== undefined || input.text.length <= DRAFT_TEXT_MAX, {
    path: ['text'],
    message: `must be at most ${DRAFT_TEXT_MAX} characters`,
  })
export type DraftInput = z.input<typeof DraftInput>

/**
 * Shows (or updates) the draft `draftId`. Resolves true once Telegram accepted it ("Returns True on
 * success"), false when the Outbox dropped it for a newer progress call (lane 'progress').
 */
export async function sendMessageDraft(
  outbox: BotApiOutbox,
  input: DraftInput,
  options?: CallOptions,
): Promise<boolean> {
  const draft = validated('sendMessageDraft', DraftInput, input)
  const payload = {
    chat_id: draft.chatId,
    draft_id: draft.draftId,
    text: draft.text,
    ...(draft.threadId === undefined ? {} : { message_thread_id: draft.threadId }),
    ...(draft.parseMode === undefined ? {} : { parse_mode: draft.parseMode }),
    ...(draft.canStop === undefined ? {} : { can_stop: draft.canStop }),
    ...(draft.keepOnStop === undefined ? {} : { keep_on_stop: draft.keepOnStop }),
  }
  const reply = options?.lane === 'progress' ? z.literal(true).optional() : z.literal(true)
  return (await callChecked(outbox, 'sendMessageDraft', payload, reply, options)) === true
}
