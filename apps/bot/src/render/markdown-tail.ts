/**
 * The tail of a streamed Markdown answer, bounded so a multi-MB answer costs no more to keep or
 * render than a short one. Cuts fall at line starts, and a cut inside a fenced code block keeps the
 * fence's opening line in front, so the tail still renders its code as code.
 */

import { nextFence, type OpenFence } from './markdown-fences.js'

export class MarkdownTail {
  private kept = ''
  /** The fence open where `kept` starts (it was cut inside it). */
  private openAtStart: OpenFence | undefined

  /** Keeps at least the last `keep` UTF-16 units; cuts once the text grows past twice that. */
  constructor(private readonly keep: number) {}

  /** The kept tail as Markdown, with the open fence's opening line in front if cut inside one. */
  get text(): string {
    return this.openAtStart ? `${this.openAtStart.line}\n${this.kept}` : this.kept
  }

  append(delta: string): void {
    this.kept += delta
    if (this.kept.length <= 2 * this.keep) return
    const from = this.kept.length - this.keep
    const newline = this.kept.indexOf('\n', from)
    // No line break in the kept part (one huge line): cut mid-line, a fence can't start there.
    const cut = newline === -1 ? from : newline + 1
    let state = this.openAtStart
    const dropped = this.kept.slice(0, cut)
    const lines = dropped.split('\n')
    // The last piece is empty (cut at a line start) or the start of a line cut in two: not a line.
    lines.pop()
    for (const line of lines) state = nextFence(state, line)
    this.openAtStart = state
    this.kept = this.kept.slice(cut)
  }
}
