import type { Context } from 'telegraf'
import type { Logger } from '../logging/logger.js'
import { threadOf } from '../telegram/chat-place.js'
import type { Outbox } from '../telegram/outbox.js'
import { sendOrLog } from './telegram-calls.js'

export const EDIT_NOT_SENT_TEXT =
  'Edits don’t reach Claude: the original message was already sent. Send the corrected text as a new message.'

/**
 * An edited message: Claude already has the original, so the edit is not run; the user is told
 * instead of the edit vanishing silently. Edits without text (e.g. live locations) are ignored.
 */
export function createEditHandler(deps: { outbox: Outbox; logger: Logger }) {
  return async (ctx: Context): Promise<void> => {
    const edited = ctx.editedMessage
    if (!edited || !('text' in edited || 'caption' in edited)) return
    const replyTo = edited.message_id
    // An edit in a topic is answered in that topic.
    const thread = threadOf(ctx)
    await sendOrLog(
      deps,
      edited.chat.id,
      EDIT_NOT_SENT_TEXT,
      { replyTo, threadId: thread },
      'could not answer an edit',
    )
  }
}
