/**
 * LiveSinks that deliver the live view through the Outbox: by editing one message (any chat), or as
 * a native draft with sendMessageDraft (Bot API 9.5, private chats only; the draft is an ephemeral
 * preview, so the final answer is still sent as normal messages). Both use the 'progress' lane, so
 * a stale update waiting in the outbox is replaced by the newer one.
 */

import { z } from 'zod'
import { type ChatPlace, placeParams } from '../telegram/chat-place.js'
import { isNotModified } from '../telegram/classify-error.js'
import type { ChatId, Outbox } from '../telegram/outbox.js'
import type { LiveSink } from './stream-renderer.js'

export type LiveMode = 'edit' | 'draft'

const SentMessage = z.object({ message_id: z.number() })

/** Drafts are previews of about 30 s; refreshing an unchanged one every 20 s keeps it visible. */
const DRAFT_KEEP_ALIVE_MS = 20_000

/** Sends the first view as a message, then edits it. "Not modified" answers are ignored. */
export function createEditSink(
  outbox: Outbox,
  place: ChatPlace,
  extra: Record<string, unknown> = {},
): LiveSink {
  const { chatId } = place
  const base = { chat_id: chatId, parse_mode: 'HTML', link_preview_options: { is_disabled: true } }
  return {
    async send(html) {
      const sent = await outbox.call('sendMessage', {
        ...base,
        ...placeParams(place),
        ...extra,
        text: html,
        disable_notification: true,
      })
      return SentMessage.parse(sent).message_id
    },
    async edit(messageId, html) {
      try {
        await outbox.call(
          'editMessageText',
          { ...base, message_id: messageId, text: html },
          { lane: 'progress', supersedeKey: `edit:${chatId}:${messageId}` },
        )
      } catch (error) {
        if (!isNotModified(error)) throw error
      }
    },
  }
}

/** Streams the live view as a draft (sendMessageDraft); `send` resolves with the draft id. */
export class DraftSink implements LiveSink {
  readonly keepAliveMs = DRAFT_KEEP_ALIVE_MS

  constructor(
    private readonly outbox: Outbox,
    private readonly chatId: ChatId,
    /** Non-zero; updates with the same id animate into each other. */
    readonly draftId: number = randomDraftId(),
  ) {
    if (!Number.isInteger(draftId) || draftId === 0)
      throw new RangeError(`draftId must be a non-zero integer, got ${draftId}`)
  }

  async send(html: string): Promise<number> {
    await this.push(html)
    return this.draftId
  }

  async edit(_messageId: number, html: string): Promise<void> {
    await this.push(html)
  }

  private async push(html: string): Promise<void> {
    await this.outbox.call(
      'sendMessageDraft',
      { chat_id: this.chatId, draft_id: this.draftId, text: html, parse_mode: 'HTML' },
      { lane: 'progress', supersedeKey: `draft:${this.chatId}:${this.draftId}` },
    )
  }
}

/** Picks the sink for `mode`; drafts only work in private chats, so groups always edit. */
export function createLiveSink(mode: LiveMode, outbox: Outbox, place: ChatPlace): LiveSink {
  const isPrivate = place.chatId > 0
  return mode === 'draft' && isPrivate
    ? new DraftSink(outbox, place.chatId)
    : createEditSink(outbox, place)
}

function randomDraftId(): number {
  return 1 + Math.floor(Math.random() * 2_000_000_000)
}
