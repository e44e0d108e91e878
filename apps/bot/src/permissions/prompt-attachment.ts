/**
 * The exact input of a permission request as a document, sent just before the prompt that can't
 * show all of it, so the user can read every byte before pressing Allow. The caption is plain text
 * (no parse errors possible) and well under Telegram's 1,024 characters.
 */

import { Input } from 'telegraf'
import { z } from 'zod'
import { formatCount } from '../render/fit-block.js'
import type { PromptFile } from '../render/prompt-input-file.js'
import { displayToolName } from '../render/tool-summary.js'
import { truncateEnd } from '../render/truncate.js'
import { showHidden } from '../render/visible-chars.js'
import { type ChatPlace, placeParams } from '../telegram/chat-place.js'
import type { Outbox } from '../telegram/outbox.js'

const SentMessage = z.object({ message_id: z.number() })

/** Sends `file` and resolves with the document message's id; rejects when Telegram refuses it. */
export async function sendPromptFile(
  outbox: Outbox,
  place: ChatPlace,
  label: string | undefined,
  toolName: string,
  file: PromptFile,
): Promise<number> {
  const tool = truncateEnd(showHidden(displayToolName(toolName)).text, 100)
  const size = formatCount(file.text.length, 'character')
  const caption = `${label ? `${label} ` : ''}📎 The full input of the ${tool} request below, exactly as Claude sent it (${size}).`
  const sent = await outbox.call('sendDocument', {
    ...placeParams(place),
    document: Input.fromBuffer(Buffer.from(file.text, 'utf8'), file.fileName),
    caption,
  })
  return SentMessage.parse(sent).message_id
}
