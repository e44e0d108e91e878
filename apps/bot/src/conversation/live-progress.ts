/**
 * The progress message of one running turn. It only appears after `startDelayMs` or as soon as a
 * tool runs, so a quick answer goes out as the final message directly with nothing before it.
 * Foreground sessions stream (StreamRenderer: throttled edits, or drafts); background sessions get
 * one quiet status message and no edits, so several sessions at once stay far from flood limits.
 * On success the progress message is removed (or, when tools ran, shrunk to a one-line summary);
 * on failure it keeps the partial answer with a final status, never a stale "working".
 */

import type { Logger } from '../logging/logger.js'
import { escapeHtml } from '../render/html-escape.js'
import { createLiveSink, DraftSink, type LiveMode } from '../render/live-sinks.js'
import {
  DEFAULT_LIVE_MAX_VISIBLE,
  type LiveSink,
  StreamRenderer,
} from '../render/stream-renderer.js'
import { appendTail } from '../render/truncate.js'
import { placeOf } from '../telegram/chat-place.js'
import type { Outbox } from '../telegram/outbox.js'
import { deleteMessage, editText, sendText } from './telegram-calls.js'

export const DEFAULT_PROGRESS_DELAY_MS = 1000

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

  constructor(private readonly options: LiveProgressOptions) {
    this.timer = setTimeout(() => this.show(), options.startDelayMs ?? DEFAULT_PROGRESS_DELAY_MS)
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
  async complete(): Promise<void> {
    const shown = await this.end()
    if (!shown) return
    const { outbox, chatId } = this.options
    if (shown.kind === 'background' || !shown.renderer || !shown.gate) {
      if (shown.messageId !== undefined)
        await this.quietly(deleteMessage(outbox, chatId, shown.messageId))
      return
    }
    shown.gate.close()
    await shown.renderer.finish()
    const id = shown.gate.messageId
    // A draft is only a preview: the answer's messages take its place.
    if (id === undefined || shown.gate.isDraft) return
    if (this.toolsUsed === 0) return this.quietly(deleteMessage(outbox, chatId, id))
    const seconds = Math.max(1, Math.round((Date.now() - this.startedAt) / 1000))
    const tools = `${this.toolsUsed} tool${this.toolsUsed === 1 ? '' : 's'}`
    const html = `<b>${escapeHtml(this.options.sessionName)}</b> · ✓ done — ${tools}, ${seconds} s`
    await this.quietly(editText(outbox, chatId, id, html, { html: true }))
  }

  /** The turn failed or was stopped: keep what was shown, with `status` as its final state. */
  async fail(status: string): Promise<void> {
    const shown = await this.end()
    if (!shown) return
    if (shown.renderer) return shown.renderer.finish(status)
    if (shown.messageId !== undefined)
      await this.quietly(deleteMessage(this.options.outbox, this.options.chatId, shown.messageId))
  }

  private async end(): Promise<Shown | undefined> {
    this.ended = true
    clearTimeout(this.timer)
    return this.shown
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
    const background = await o.isBackground()
    if (this.ended) return { kind: 'background' } // the turn ended meanwhile: show nothing
    if (background) {
      const text = `[${o.sessionName}] ⏳ working…`
      const options = { silent: true, threadId: o.threadId }
      const messageId = await sendText(o.outbox, o.chatId, text, options)
      o.onShown?.(messageId)
      return { kind: 'background', messageId }
    }
    const sink = createLiveSink(o.mode, o.outbox, placeOf(o.chatId, o.threadId))
    const gate = new GatedSink(sink, o.onShown)
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
  messageId: number | undefined
  readonly keepAliveMs: number | undefined
  readonly isDraft: boolean

  constructor(
    private readonly inner: LiveSink,
    private readonly onShown?: (messageId: number) => void,
  ) {
    this.keepAliveMs = inner.keepAliveMs
    this.isDraft = inner instanceof DraftSink
  }

  close(): void {
    this.closed = true
  }

  async send(html: string): Promise<number> {
    if (this.closed) return -1
    this.messageId = await this.inner.send(html)
    if (!this.isDraft && this.messageId >= 0) this.onShown?.(this.messageId)
    return this.messageId
  }

  async edit(messageId: number, html: string): Promise<void> {
    if (this.closed || messageId < 0) return
    await this.inner.edit(messageId, html)
  }
}
