/**
 * LiveSinks that deliver the live view through the Outbox: by editing one message (any chat), or as
 * a native draft with sendMessageDraft (Bot API 9.5, private chats only; the draft is an ephemeral
 * preview, so the final answer is still sent as normal messages). Both use the 'progress' lane, so
 * a stale update waiting in the outbox is replaced by the newer one.
 */

import { z } from 'zod'
import { sendMessageDraft } from '../telegram/bot-api/message-draft.js'
import { type ChatPlace, placeParams } from '../telegram/chat-place.js'
import { isNotModified, isTransient } from '../telegram/classify-error.js'
import { OutboxClosedError } from '../telegram/errors.js'
import type { Outbox } from '../telegram/outbox.js'
import type { LiveSink } from './stream-renderer.js'

export type LiveMode = 'edit' | 'draft'

/**
 * The inline keyboard an edited view carries (e.g. its Stop button), asked on every send and edit:
 * Telegram drops a message's keyboard on an edit without one, so undefined takes it away.
 */
export type LiveKeyboard = () => object | undefined

const SentMessage = z.object({ message_id: z.number() })

/** Drafts are previews of about 30 s; refreshing an unchanged one every 20 s keeps it visible. */
const DRAFT_KEEP_ALIVE_MS = 20_000

/**
 * Between two drafts of one turn. Telegram does not publish a draft limit; the strict fake (and
 * our guess) is 20 per 20 s per chat. One per 1.1 s is at most 19 in any 20 s window, so a draft
 * delayed a little by the outbox never makes it 21: as smooth as the limit allows, without a 429.
 */
export const DRAFT_INTERVAL_MS = 1100

/** Sends the first view as a message, then edits it. "Not modified" answers are ignored. */
export function createEditSink(
  outbox: Outbox,
  place: ChatPlace,
  extra: Record<string, unknown> = {},
  keyboard?: LiveKeyboard,
): LiveSink {
  const { chatId } = place
  const base = { chat_id: chatId, parse_mode: 'HTML', link_preview_options: { is_disabled: true } }
  const markup = () => {
    const reply_markup = keyboard?.()
    return reply_markup ? { reply_markup } : {}
  }
  return {
    async send(html) {
      const sent = await outbox.call('sendMessage', {
        ...base,
        ...placeParams(place),
        ...extra,
        ...markup(),
        text: html,
        disable_notification: true,
      })
      return SentMessage.parse(sent).message_id
    },
    async edit(messageId, html) {
      try {
        await outbox.call(
          'editMessageText',
          { ...base, ...markup(), message_id: messageId, text: html },
          { lane: 'progress', supersedeKey: `edit:${chatId}:${messageId}` },
        )
      } catch (error) {
        if (!isNotModified(error)) throw error
      }
    },
  }
}

export interface DraftSinkOptions {
  /** Non-zero, unique per chat and turn (conversation/draft-ids.ts); updates with it animate. */
  draftId: number
  /** Telegram refused a draft: this turn goes on by editing a message. Told once. */
  onFallback?: (error: unknown) => void
  /** The keyboard of that edited message (drafts have Telegram's own Stop button). */
  keyboard?: LiveKeyboard
}

/**
 * Streams the live view as a draft (sendMessageDraft) in the turn's chat and topic; `send` resolves
 * with the draft id. If Telegram refuses a draft (a server without drafts, a chat that takes none),
 * the rest of the turn falls back to an edited message, starting with the view that was refused,
 * so nothing is lost. A network failure, a 5xx or a closed outbox is not a refusal: the draft and
 * its Stop button stay.
 */
export class DraftSink implements LiveSink {
  readonly draftId: number
  private fallback: LiveSink | undefined
  private fallbackId: number | undefined

  constructor(
    private readonly outbox: Outbox,
    private readonly place: ChatPlace,
    private readonly options: DraftSinkOptions,
  ) {
    const { draftId } = options
    if (!Number.isInteger(draftId) || draftId === 0)
      throw new RangeError(`draftId must be a non-zero integer, got ${draftId}`)
    this.draftId = draftId
  }

  /** False once drafts were refused and the view is an edited message. */
  get isDraft(): boolean {
    return this.fallback === undefined
  }

  /** The edited message of the fallback, once sent (undefined while drafting). */
  get messageId(): number | undefined {
    return this.fallbackId
  }

  get keepAliveMs(): number | undefined {
    return this.isDraft ? DRAFT_KEEP_ALIVE_MS : undefined
  }

  /** Drafts have their own budget; an edited fallback goes back to the renderer's default. */
  get minIntervalMs(): number | undefined {
    return this.isDraft ? DRAFT_INTERVAL_MS : undefined
  }

  async send(html: string): Promise<number> {
    await this.show(html)
    return this.draftId
  }

  async edit(_messageId: number, html: string): Promise<void> {
    await this.show(html)
  }

  private async show(html: string): Promise<void> {
    if (this.fallback) return this.showEdited(this.fallback, html)
    try {
      await this.push(html)
    } catch (error) {
      // An outage or a shutdown says nothing about drafts: this view fails, the next may draft.
      if (isTransient(error) || error instanceof OutboxClosedError) throw error
      this.fallback = createEditSink(this.outbox, this.place, {}, this.options.keyboard)
      this.options.onFallback?.(error)
      await this.showEdited(this.fallback, html)
    }
  }

  private async push(html: string): Promise<void> {
    const { chatId, threadId } = this.place
    await sendMessageDraft(
      this.outbox,
      {
        chatId,
        threadId,
        draftId: this.draftId,
        text: html,
        parseMode: 'HTML',
        // Telegram shows a Stop button; pressing it stops the turn as /stop does.
        canStop: true,
        // The partial text stays on screen after Stop until the bot's final message (the partial
        // answer and "⏹ Stopped.") takes the draft's place; without it the text would vanish and
        // come back a moment later.
        keepOnStop: true,
      },
      { lane: 'progress', supersedeKey: `draft:${chatId}:${threadId ?? 0}:${this.draftId}` },
    )
  }

  private async showEdited(sink: LiveSink, html: string): Promise<void> {
    if (this.fallbackId === undefined) this.fallbackId = await sink.send(html)
    else await sink.edit(this.fallbackId, html)
  }
}

export interface LiveSinkOptions {
  /** Required for drafts. */
  draftId?: number
  onDraftFallback?: (error: unknown) => void
  /** The keyboard of an edited view (e.g. its Stop button). */
  keyboard?: LiveKeyboard
}

/** Picks the sink for `mode`; drafts only work in private chats, so groups always edit. */
export function createLiveSink(
  mode: LiveMode,
  outbox: Outbox,
  place: ChatPlace,
  options: LiveSinkOptions = {},
): LiveSink {
  const { draftId, keyboard } = options
  return mode === 'draft' && isPrivateChat(place) && draftId !== undefined
    ? new DraftSink(outbox, place, { draftId, onFallback: options.onDraftFallback, keyboard })
    : createEditSink(outbox, place, {}, keyboard)
}

/** Private chats have positive ids (the user's); groups and channels negative ones. */
export function isPrivateChat(place: ChatPlace): boolean {
  return place.chatId > 0
}
