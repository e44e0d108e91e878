/**
 * The live view of one running turn. The user sees work from the moment the turn starts:
 * - draft mode (private chats): the first draft ("working…") goes out at once and streams the
 *   answer (StreamRenderer); the final answer takes the draft's place, so nothing is tidied. The
 *   draft has Telegram's Stop button (draft-registry.ts routes the press to this turn).
 * - edit mode: a "typing" chat action at once; the progress message itself only after
 *   `startDelayMs` or as soon as a tool runs, so a quick answer is the final message directly.
 * Background sessions get one quiet status message and no edits, so several sessions at once stay
 * far from flood limits. Each tool gets a line with its outcome (render/turn-log.ts). When the turn
 * ends, the progress message becomes the turn's permanent log when tools ran (progress-log.ts; in
 * draft mode a quiet message of its own), else it goes; a failure that streamed text keeps the
 * partial answer with a final status, never a stale "working"; when stopped, the final message
 * carries the partial answer instead.
 */

import { isPrivateChat } from '../render/live-sinks.js'
import { DEFAULT_LIVE_MAX_VISIBLE, type StreamRenderer } from '../render/stream-renderer.js'
import type { ToolResultInfo } from '../render/tool-result.js'
import { appendTail } from '../render/truncate.js'
import { TurnLog } from '../render/turn-log.js'
import { liveLogLines } from '../render/turn-log-html.js'
import { placeOf } from '../telegram/chat-place.js'
import type { GatedSink } from './gated-sink.js'
import type { LiveProgressOptions } from './live-progress-options.js'
import { createLiveRenderer, sendTyping } from './live-renderer.js'
import { finishLog, logSummary, showLog } from './progress-log.js'
import { deleteMessage, sendText } from './telegram-calls.js'

export type { LiveProgressOptions } from './live-progress-options.js'

export const DEFAULT_PROGRESS_DELAY_MS = 1000
/** How long the final waits to learn whether a view still opening showed the partial answer. */
const OPENING_WAIT_MS = 1000

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref())
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
  private readonly log: TurnLog
  private readonly startedAt = Date.now()
  private timer: NodeJS.Timeout | undefined
  private shown: Promise<Shown | undefined> | undefined
  private renderer: StreamRenderer | undefined
  private ended = false
  private background: Promise<boolean> | undefined
  private unregister: (() => void) | undefined

  constructor(private readonly options: LiveProgressOptions) {
    this.log = new TurnLog(options.cwd)
    this.timer = setTimeout(() => this.show(), options.startDelayMs ?? DEFAULT_PROGRESS_DELAY_MS)
    if (this.drafts()) void this.showIfForeground()
    else this.typing()
  }

  appendText(delta: string): void {
    // Kept for the replay when the message appears; the view shows only the tail.
    this.text = appendTail(this.text, delta, 2 * DEFAULT_LIVE_MAX_VISIBLE)
    this.renderer?.appendText(delta)
  }

  /** A tool call started; a sub-agent's calls show while they run but stay out of the log. */
  toolStarted(id: string, name: string, input: unknown, inSubagent = false): void {
    this.running.set(id, { name, input })
    if (!inSubagent) this.log.started(id, name, input)
    this.show()
    this.renderer?.toolStarted(id, name, input)
  }

  toolFinished(id: string, result: ToolResultInfo): void {
    this.running.delete(id)
    const logged = this.log.finished(id, result)
    if (logged) this.renderer?.setLogLines(liveLogLines(this.log.tools()))
    this.renderer?.toolFinished(id, result.isError)
  }

  /** The permission for call `toolUseId` was refused: its line says "denied". */
  denied(toolUseId: string | undefined): void {
    this.log.denied(toolUseId)
  }

  /** A remembered rule allowed call `toolUseId`: the log says so (with an edit's diff). */
  allowedByRule(toolUseId: string | undefined, input: unknown): void {
    this.log.allowedByRule(toolUseId, input)
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

  /** The answer is about to be delivered: the progress message becomes the log (or goes). */
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
    // Nothing but tools shown: the log says what was done; the error is the final message's.
    const label = status === 'failed' ? '✗ failed' : `⏹ ${status}`
    if (this.text.trim() === '' && this.log.size > 0) return this.tidy(label)
    const shown = await this.end()
    void this.keep(label)
    if (!shown) return
    if (shown.renderer) return shown.renderer.finish(status)
    if (shown.messageId !== undefined)
      await this.quietly(deleteMessage(this.options.outbox, this.options.chatId, shown.messageId))
  }

  /** Keeps the log (when tools ran) and renders its permanent message. */
  private keep(status: string) {
    const o = this.options
    const summary = logSummary(status, this.log.size, this.startedAt)
    return finishLog(o.sessionName, this.log.tools(), summary, o.keepLog, o.logger)
  }

  /**
   * Ends the view (the final message takes its place): when tools ran, the progress message becomes
   * the turn's log; a draft (only a preview) leaves the log as a quiet message of its own.
   */
  private async tidy(status: string): Promise<void> {
    const shown = await this.end()
    const log = await this.keep(status)
    const { outbox, chatId, threadId } = this.options
    let id = shown?.messageId
    if (shown?.kind === 'live' && shown.renderer && shown.gate) {
      shown.gate.close()
      // Nothing pending is worth showing now; an update under way lands before the answer.
      await shown.renderer.abandon()
      id = shown.gate.editedMessageId
    }
    if (id !== undefined && !log) return this.quietly(deleteMessage(outbox, chatId, id))
    // No message to edit (a draft vanishes once the answer arrives; a view still opening shows
    // nothing): the log goes out on its own, quietly.
    if (log) await this.quietly(showLog(outbox, { chatId, threadId }, id, log))
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

  private typing(): void {
    const { outbox, chatId, threadId, logger } = this.options
    sendTyping(outbox, chatId, threadId, logger)
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
    const { renderer, gate, unregister } = createLiveRenderer(o, this.drafts())
    this.unregister = unregister
    // Replay what happened before the message appeared; later events go straight to it.
    this.renderer = renderer
    if (this.status) renderer.setStatus(this.status)
    for (const [id, tool] of this.running) renderer.toolStarted(id, tool.name, tool.input)
    if (this.log.size > 0) renderer.setLogLines(liveLogLines(this.log.tools()))
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
