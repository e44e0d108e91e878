/** The live view's sink gate: LiveProgress closes it when the answer takes the view's place. */

import { DraftSink } from '../render/live-sinks.js'
import type { LiveSink } from '../render/stream-renderer.js'

/** A LiveSink that can be shut: afterwards nothing more is sent (the answer replaces it). */
export class GatedSink implements LiveSink {
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
