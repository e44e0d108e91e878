/**
 * The live view of one running turn. The user sees work from the moment the turn starts:
 * - draft mode (private chats): the first draft ("working…") goes out at once and streams the
 *   answer (StreamRenderer); the final answer takes the draft's place, so nothing is tidied. The
 *   draft has Telegram's Stop button (draft-registry.ts routes the press to this turn).
 * - edit mode: a "typing" chat action at once; the progress message itself only after
 *   `startDelayMs` or as soon as a tool runs, so a quick answer is the final message directly.
 * Background sessions get one quiet status message and no edits, so several sessions at once stay
 * far from flood limits. On success an edited progress message is removed (or, when tools ran,
 * shrunk to a one-line summary); on failure it keeps the partial answer with a final status, never
 * a stale "working"; when stopped, the final message carries the partial answer instead.
 */

import type { SessionRef } from '@switchboard/process'
import type { Logger } from '../logging/logger.js'
import { escapeHtml } from '../render/html-escape.js'
import { createLiveSink, DraftSink, isPrivateChat, type LiveMode } from '../render/live-sinks.js'
import {
  DEFAULT_LIVE_MAX_VISIBLE,
  type LiveSink,
  StreamRenderer,
} from '../render/stream-renderer.js'
import { appendTail } from '../render/truncate.js'
import { placeOf, placeParams } from '../telegram/chat-place.js'
import type { Outbox } from '../telegram/outbox.js'
import { type DraftIds, draftIds } from './draft-ids.js'
import { type DraftRegistry, liveDrafts } from './draft-registry.js'
import type { StopButton } from './stop-button.js'
import { deleteMessage, editText, sendText } from './telegram-calls.js'

export const DEFAULT_PROGRESS_DELAY_MS = 1000
/** How long the final waits to learn whether a view still opening showed the partial answer. */
const OPENING_WAIT_MS = 1000

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref())
}

export interface LiveProgressOptions {
  outbox: Outbox
  chatId: number
  /** The topic the turn answers in (private chats with topics). */
  threadId?: number
  sessionName: string
  cwd: string
  mode: LiveMode
  /** Asked once, when the progress message is about to appear. */
  isBackground: () => Promise<boolean>
  logger: Logger
  startDelayMs?: number
  /** StreamRenderer's minimum interval between updates (default its own). */
  liveIntervalMs?: number
  /** The progress message was sent (a draft has no id): the inbox keeps it for a restart's edit. */
  onShown?: (messageId: number) => void
  /** Awaited before the progress message first appears (finals still on their way go first). */
  ready?: () => Promise<void> | undefined
  /** The turn this view shows: its draft's Stop button stops it. */
  turn?: { ref: SessionRef; turnId: string }
  /** Where drafts are registered for the Stop button (default the bot's). */
  drafts?: DraftRegistry
  /** Where draft ids come from (default the bot's). */
  draftIds?: DraftIds
  /** The edited view's Stop button (drafts have Telegram's own); it expires when the turn ends. */
  stopButton?: StopButton
}

interface Shown {
  kind: 'live' | 'background'
  renderer?: StreamRenderer
  gate?: GatedSink
  messageId?: number
}

export class LiveProgress {
  private text = ''
  private status: string | undefined
  private readonly running = new Map<string, { name: string; input: unknown }>()
  private toolsUsed = 0
  private readonly startedAt = Date.now()
  private timer: NodeJS.Timeout | undefined
  private shown: Promise<Shown | undefined> | undefined
  private renderer: StreamRenderer | undefined
  private ended = false
  private background: Promise<boolean> | undefined
  private unregister: (() => void) | undefined

  constructor(private readonly options: LiveProgressOptions) {
    this.timer = setTimeout(() => this.show(), options.startDelayMs ?? DEFAULT_PROGRESS_DELAY_MS)
    if (this.drafts()) void this.showIfForeground()
    else this.typing()
  }

  appendText(delta: string): void {
    // Kept for the replay when the message appears; the view shows only the tail.
    this.text = appendTail(this.text, delta, 2 * DEFAULT_LIVE_MAX_VISIBLE)
    this.renderer?.appendText(delta)
  }

  toolStarted(id: string, name: string, input: unknown): void {
    this.running.set(id, { name, input })
    this.toolsUsed += 1
    this.show()
    this.renderer?.toolStarted(id, name, input)
  }

  toolFinished(id: string, isError: boolean): void {
    this.running.delete(id)
    this.renderer?.toolFinished(id, isError)
  }

  setStatus(status: string | undefined): void {
    this.status = status
    this.renderer?.setStatus(status)
  }

  /** The turn stopped waiting (for a Claude Code slot): back to the normal live view. */
  started(): void {
    this.status = undefined
    const idle = this.text === '' && this.running.size === 0
    this.renderer?.setStatus(idle ? 'working…' : undefined)
  }

  /** The answer is about to be delivered: take the progress message away (or summarise tools). */
  complete(): Promise<void> {
    return this.tidy('✓ done')
  }

  /**
   * Whether the answer so far was shown only as a draft (a preview that vanishes): then a failed
   * turn's error message must carry it, or the user loses what they saw.
   */
  async partialOnlyInDraft(): Promise<boolean> {
    // A view still opening (behind an earlier final of this chat) has shown nothing yet.
    const shown = await Promise.race([this.shown, delay(OPENING_WAIT_MS).then(() => undefined)])
    if (shown?.kind !== 'live' || !shown.gate || !this.drafts()) return false
    return shown.gate.editedMessageId === undefined && this.text.trim() !== ''
  }

  /**
   * The turn failed: keep what was shown, with `status` as its final state. Stopped ('stopped'), or
   * failed after streaming only into a draft: the final message carries the partial answer, so the
   * view goes away as on success.
   */
  async fail(status: string): Promise<void> {
    if (status === 'stopped') return this.tidy('⏹ stopped')
    if (status === 'failed' && (await this.partialOnlyInDraft())) return this.tidy('✗ failed')
    const shown = await this.end()
    if (!shown) return
    if (shown.renderer) return shown.renderer.finish(status)
    if (shown.messageId !== undefined)
      await this.quietly(deleteMessage(this.options.outbox, this.options.chatId, shown.messageId))
  }

  /** Removes the view (the final message takes its place); tools that ran leave a summary line. */
  private async tidy(summary: string): Promise<void> {
    const shown = await this.end()
    if (!shown) return
    const { outbox, chatId } = this.options
    if (shown.kind === 'background' || !shown.renderer || !shown.gate) {
      if (shown.messageId !== undefined)
        await this.quietly(deleteMessage(outbox, chatId, shown.messageId))
      return
    }
    shown.gate.close()
    // Nothing pending is worth showing now; an update under way lands before the answer.
    await shown.renderer.abandon()
    const id = shown.gate.editedMessageId
    // A draft is only a preview: the answer's messages take its place.
    if (id === undefined) return
    if (this.toolsUsed === 0) return this.quietly(deleteMessage(outbox, chatId, id))
    const seconds = Math.max(1, Math.round((Date.now() - this.startedAt) / 1000))
    const tools = `${this.toolsUsed} tool${this.toolsUsed === 1 ? '' : 's'}`
    const html = `<b>${escapeHtml(this.options.sessionName)}</b> · ${summary} — ${tools}, ${seconds} s`
    await this.quietly(editText(outbox, chatId, id, html, { html: true }))
  }

  /** The turn's events are over: a view not yet open never opens (the final takes its place). */
  eventsEnded(): void {
    this.ended = true
    clearTimeout(this.timer)
  }

  private async end(): Promise<Shown | undefined> {
    this.ended = true
    clearTimeout(this.timer)
    this.options.stopButton?.expire()
    const shown = await this.shown
    this.unregister?.()
    return shown
  }

  /** Whether this turn's live view is a draft (draft mode, private chat). */
  private drafts(): boolean {
    return this.options.mode === 'draft' && isPrivateChat(placeOf(this.options.chatId))
  }

  /** Asked once: whether the turn's session is in the background (then no live stream). */
  private isBackground(): Promise<boolean> {
    this.background ??= this.options.isBackground()
    return this.background
  }

  /** Draft mode: a foreground turn shows its first draft at once; a background one types. */
  private async showIfForeground(): Promise<void> {
    const background = await this.isBackground().catch(() => false)
    if (background) this.typing()
    else this.show()
  }

  /** "typing…" in the turn's chat and topic, at once (it lasts ~5 s or until a message arrives). */
  private typing(): void {
    const { outbox, chatId, threadId, logger } = this.options
    const place = placeOf(chatId, threadId)
    outbox
      .call(
        'sendChatAction',
        { ...placeParams(place), action: 'typing' },
        { lane: 'progress', supersedeKey: `typing:${chatId}:${threadId ?? 0}` },
      )
      .catch((error: unknown) => logger.debug({ err: error }, 'could not send the typing action'))
  }

  /** Starts showing progress (once). */
  private show(): void {
    if (this.shown || this.ended) return
    clearTimeout(this.timer)
    this.shown = this.open().catch((error: unknown) => {
      this.options.logger.warn({ err: error }, 'could not show turn progress')
      return undefined
    })
  }

  private async open(): Promise<Shown> {
    const o = this.options
    const ready = o.ready?.()
    if (ready) await ready
    const background = await this.isBackground()
    if (this.ended) return { kind: 'background' } // the turn ended meanwhile: show nothing
    if (background) {
      const text = `[${o.sessionName}] ⏳ working…`
      const options = { silent: true, threadId: o.threadId }
      const messageId = await sendText(o.outbox, o.chatId, text, options)
      o.onShown?.(messageId)
      return { kind: 'background', messageId }
    }
    const place = placeOf(o.chatId, o.threadId)
    const draftId = this.drafts() ? (o.draftIds ?? draftIds).take() : undefined
    const sink = createLiveSink(o.mode, o.outbox, place, {
      draftId,
      keyboard: () => o.stopButton?.markup(),
      onDraftFallback: (error) =>
        o.logger.warn(
          { err: error, chatId: o.chatId, threadId: o.threadId },
          'Telegram refused a draft: this turn’s live view edits a message instead',
        ),
    })
    const gate = new GatedSink(sink, o.onShown)
    if (sink instanceof DraftSink && o.turn) {
      const { ref, turnId } = o.turn
      // Registered before the first draft goes out: Stop can only be pressed on a shown draft.
      this.unregister = (o.drafts ?? liveDrafts).register(o.chatId, sink.draftId, {
        ref,
        turnId,
        halt: () => gate.close(),
      })
    }
    const renderer = new StreamRenderer({
      sink: gate,
      title: o.sessionName,
      cwd: o.cwd,
      minIntervalMs: o.liveIntervalMs,
      onError: (error) => o.logger.warn({ err: error }, 'live progress update failed'),
    })
    // Replay what happened before the message appeared; later events go straight to it.
    this.renderer = renderer
    if (this.status) renderer.setStatus(this.status)
    for (const [id, tool] of this.running) renderer.toolStarted(id, tool.name, tool.input)
    if (this.text) renderer.appendText(this.text)
    if (!this.status && !this.text && this.running.size === 0) renderer.setStatus('working…')
    return { kind: 'live', renderer, gate }
  }

  private async quietly(call: Promise<void>): Promise<void> {
    try {
      await call
    } catch (error) {
      this.options.logger.debug({ err: error }, 'could not tidy the progress message')
    }
  }
}

/** A LiveSink that can be shut: afterwards nothing more is sent (the answer replaces it). */
class GatedSink implements LiveSink {
  private closed = false
  private sentId: number | undefined
  private reported: number | undefined

  constructor(
    private readonly inner: LiveSink,
    private readonly onShown?: (messageId: number) => void,
  ) {}

  get keepAliveMs(): number | undefined {
    return this.inner.keepAliveMs
  }

  get minIntervalMs(): number | undefined {
    return this.inner.minIntervalMs
  }

  /** The edited progress message (edit mode, or a draft that fell back), once sent. */
  get editedMessageId(): number | undefined {
    if (this.inner instanceof DraftSink) return this.inner.messageId
    return this.sentId !== undefined && this.sentId >= 0 ? this.sentId : undefined
  }

  close(): void {
    this.closed = true
  }

  async send(html: string): Promise<number> {
    if (this.closed) return -1
    this.sentId = await this.inner.send(html)
    this.report()
    return this.sentId
  }

  async edit(messageId: number, html: string): Promise<void> {
    if (this.closed || messageId < 0) return
    await this.inner.edit(messageId, html)
    this.report()
  }

  /** A message (not a draft) appeared: the inbox keeps its id for a restart's edit. */
  private report(): void {
    const id = this.editedMessageId
    if (id === undefined || id === this.reported) return
    this.reported = id
    this.onShown?.(id)
  }
}
