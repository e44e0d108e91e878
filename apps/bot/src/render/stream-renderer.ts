/**
 * The live view of a running turn. Feed it the turn's events; it keeps one progress message up to
 * date through a LiveSink, throttled: at most one update per `minIntervalMs`, only the latest state,
 * never an unchanged one, never two at once, and the final state always flushed by `finish()`.
 *
 * Why 2 s by default: Telegram allows about one message per second per chat and edits count; bots
 * that edit every 0.5–1 s over a long answer have been told to wait minutes (429). One update per
 * 2 s uses half the chat's budget, leaving room for permission prompts and the final answer. In
 * groups (20 messages per minute) pass GROUP_LIVE_INTERVAL_MS. Drafts have a budget of their own,
 * so a draft sink sets its own pace (`LiveSink.minIntervalMs`, DRAFT_INTERVAL_MS).
 */

import type { Clock } from '../telegram/clock.js'
import { type LiveState, renderLiveView } from './live-view.js'
import { MarkdownTail } from './markdown-tail.js'
import { describeToolUse } from './tool-summary.js'
import { UpdatePump } from './update-pump.js'

export const DEFAULT_LIVE_INTERVAL_MS = 2000
export const GROUP_LIVE_INTERVAL_MS = 4000
/** Live view size: well under 4096 so header growth never pushes it over. */
export const DEFAULT_LIVE_MAX_VISIBLE = 3500
/**
 * After the "working…" placeholder, the first real content waits this long (not the full interval):
 * soon enough to show text well within 300 ms of the model's first token, long enough that a quick
 * answer's final message usually arrives first and the preview of it is never sent.
 */
export const FIRST_TEXT_GRACE_MS = 200

/** Where the live view goes: a message that is sent once, then edited (or a draft). */
export interface LiveSink {
  /** Shows the first state; resolves with the id later edits refer to. */
  send(html: string): Promise<number>
  /** Replaces what message `messageId` shows. */
  edit(messageId: number, html: string): Promise<void>
  /** If set, an unchanged view is re-sent this often (drafts disappear when not refreshed). */
  readonly keepAliveMs?: number
  /** The sink's own pace (drafts have a budget apart from edits); the renderer's option wins. */
  readonly minIntervalMs?: number
}

export interface StreamRendererOptions {
  sink: LiveSink
  /** Shown in bold at the top, usually the session name. */
  title: string
  minIntervalMs?: number
  maxVisible?: number
  clock?: Clock
  /** Working directory, so tool lines show relative paths. */
  cwd?: string
  onError?: (error: unknown) => void
}

export class StreamRenderer {
  private readonly state: LiveState
  private readonly tools = new Map<string, string>()
  private readonly pump: UpdatePump
  private readonly maxVisible: number
  private readonly tail: MarkdownTail
  private id: number | undefined
  private finished = false

  constructor(private readonly options: StreamRendererOptions) {
    this.state = {
      title: options.title,
      status: undefined,
      runningTools: [],
      toolsDone: 0,
      toolsFailed: 0,
      text: '',
    }
    this.maxVisible = options.maxVisible ?? DEFAULT_LIVE_MAX_VISIBLE
    this.tail = new MarkdownTail(2 * this.maxVisible)
    this.pump = new UpdatePump({
      deliver: (html) => this.deliver(html),
      // Asked each time: a draft sink that falls back to edits changes both.
      minIntervalMs: () =>
        options.minIntervalMs ?? options.sink.minIntervalMs ?? DEFAULT_LIVE_INTERVAL_MS,
      clock: options.clock,
      keepAliveMs: () => options.sink.keepAliveMs,
      onError: options.onError,
    })
  }

  /** Id of the progress message once it has been sent. */
  get messageId(): number | undefined {
    return this.id
  }

  /** The HTML the live view shows for the current state. */
  render(): string {
    return renderLiveView(this.state, this.maxVisible)
  }

  /** Only the tail is kept (the view shows no more), so a multi-MB answer costs no more to render. */
  appendText(delta: string): void {
    this.update(() => {
      this.tail.append(delta)
      this.state.text = this.tail.text
    })
  }

  toolStarted(id: string, name: string, input: unknown): void {
    this.update(() => {
      this.tools.set(id, describeToolUse(name, input, { cwd: this.options.cwd }))
      this.state.runningTools = [...this.tools.values()]
    })
  }

  toolFinished(id: string, isError: boolean): void {
    this.update(() => {
      if (!this.tools.delete(id)) return
      this.state.runningTools = [...this.tools.values()]
      this.state.toolsDone += 1
      if (isError) this.state.toolsFailed += 1
    })
  }

  /** The turn log's newest lines, shown in place of the tool counts. */
  setLogLines(lines: string[]): void {
    this.update(() => {
      this.state.logLines = lines
    })
  }

  /** e.g. "queued", "waiting for your approval"; undefined clears it. */
  setStatus(status: string | undefined): void {
    this.update(() => {
      this.state.status = status
    })
  }

  /** Marks the turn over, shows `status` (default "done") and resolves once the last update is out. */
  async finish(status = 'done'): Promise<void> {
    if (this.finished) return this.pump.flush()
    this.state.status = status
    this.state.runningTools = []
    this.tools.clear()
    this.pump.offer(this.render())
    this.finished = true
    await this.pump.close()
  }

  /**
   * Ends the view without showing its last state (the final answer takes its place): what is
   * pending is dropped; resolves once an update under way is out, so none lands after the answer.
   */
  async abandon(): Promise<void> {
    this.finished = true
    await this.pump.abandon()
  }

  private update(change: () => void): void {
    if (this.finished) return
    change()
    // Rendered when due, not on every delta: the Markdown of the tail is re-rendered each time.
    this.pump.offer(() => this.render())
  }

  private async deliver(html: string): Promise<void> {
    if (this.id !== undefined) return this.options.sink.edit(this.id, html)
    // A first view with nothing in it yet ("working…") shows the turn started; the first real
    // content may follow it soon (FIRST_TEXT_GRACE_MS). Once per view: one extra call at most.
    const placeholder = this.isPlaceholder()
    this.id = await this.options.sink.send(html)
    if (placeholder) this.pump.forgiveInterval(FIRST_TEXT_GRACE_MS)
  }

  private isPlaceholder(): boolean {
    const { text, runningTools, toolsDone } = this.state
    return text.trim() === '' && runningTools.length === 0 && toolsDone === 0
  }
}
