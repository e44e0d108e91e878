/**
 * Ends a cut-off turn in the chat: its live message is edited to say a restart cut it off, with
 * Run again (deleted or too old to edit: the same in a message of its own, replying to the user's).
 * Done at start-up, for turns an earlier run left running — not during shutdown, whose few seconds
 * of Telegram calls belong to final answers still being delivered. Once Telegram confirmed it, the
 * entry is marked told.
 */

import { formatCallbackData } from '../callbacks/callback-data.js'
import type { Logger } from '../logging/logger.js'
import { isNotModified } from '../telegram/classify-error.js'
import type { Outbox } from '../telegram/outbox.js'
import type { Inbox } from './inbox.js'
import type { InboxEntry } from './inbox-entry.js'
import { cutOffText, RUN_AGAIN_LABEL } from './restart-notice.js'
import { editText, type InlineButton, sendOrLog } from './telegram-calls.js'

/** How long a cut-off prompt waits for Run again. */
export const RUN_AGAIN_TTL_MS = 7 * 24 * 3_600_000

export interface CutOffDeps {
  inbox: Inbox
  outbox: Outbox
  logger: Logger
}

/** The Run again button of a cut entry (its callback data is the token kept on disk). */
export function runAgainButton(entry: InboxEntry, label = RUN_AGAIN_LABEL): InlineButton {
  return { text: label, callback_data: formatCallbackData(entry.cut?.token ?? '', 0) }
}

/** Edits the entry's live message (it must have one) to the cut-off text; never rejects. */
export async function tellCutOff(deps: CutOffDeps, entry: InboxEntry): Promise<void> {
  const { outbox, logger } = deps
  if (entry.liveMessageId === undefined) return
  const buttons = [[runAgainButton(entry)]]
  try {
    await editText(outbox, entry.chatId, entry.liveMessageId, cutOffText(entry), { buttons })
  } catch (error) {
    // Already edited by a run that died before it noted so: nothing more to do.
    if (!isNotModified(error)) {
      logger.debug({ err: error }, 'inbox: could not edit a cut-off live message')
      const sent = await sendOrLog(
        deps,
        entry.chatId,
        cutOffText(entry),
        { buttons, replyTo: entry.replyTo, threadId: entry.threadId },
        'inbox: could not tell a cut-off turn',
      )
      if (sent === undefined) return
    }
  }
  deps.inbox.told(entry)
}
