/**
 * Shows the user-controlled parts of one permission prompt (paths, descriptions, rules, other input)
 * escaped, with hidden characters made visible, and bounded by a cap scaled to the room the prompt
 * has. It remembers whether anything was cut and how many hidden characters it found, so the prompt
 * can say so and attach the exact input.
 */

import { OUTSIDE_MARKER, type PromptPath, promptPath } from './full-path.js'
import { escapeHtml } from './html-escape.js'
import { truncateEnd } from './truncate.js'
import { showHidden } from './visible-chars.js'

/**
 * What a prompt's retries share: hidden characters found in a text (a Write can be megabytes) and where
 * a path really leads (a disk lookup) don't change when only the caps shrink.
 */
export class PromptMemo {
  readonly visible = new Map<string, ReturnType<typeof showHidden>>()
  readonly paths = new Map<string, PromptPath>()
}

export class PromptPiece {
  hidden = 0
  /** Whether any text so far was cut; `lastCut`: whether the last one was. */
  cut = false
  lastCut = false

  constructor(
    /** Multiplies every cap: the prompt retries with a smaller scale when it doesn't fit. */
    private readonly scale: number,
    readonly cwd: string | undefined,
    private readonly memo = new PromptMemo(),
  ) {}

  /** Escaped text, at most `cap × scale` characters (cut with "…", and noted). */
  text(raw: string, cap: number): string {
    const visible = this.visible(raw)
    const max = Math.max(20, Math.floor(cap * this.scale))
    this.lastCut = visible.length > max
    this.cut ||= this.lastCut
    return escapeHtml(truncateEnd(visible, max))
  }

  code(raw: string, cap: number): string {
    return `<code>${this.text(raw, cap)}</code>`
  }

  /** The raw text with hidden characters shown (counted), not escaped nor bounded. */
  visible(raw: string): string {
    let shown = this.memo.visible.get(raw)
    if (!shown) {
      shown = showHidden(raw)
      this.memo.visible.set(raw, shown)
    }
    this.hidden += shown.count
    return shown.text
  }

  /** "<code>/abs/path</code> ⚠️ outside …", plus the path as written when it was relative or had `..`. */
  path(raw: string): string {
    let p = this.memo.paths.get(raw)
    if (!p) {
      p = promptPath(raw, this.cwd)
      this.memo.paths.set(raw, p)
    }
    const outside = p.outside ? ` ${OUTSIDE_MARKER}` : ''
    const written =
      p.asWritten === undefined ? '' : ` (Claude wrote ${this.code(p.asWritten, 300)})`
    const real = p.real === undefined ? '' : ` → really ${this.code(p.real, 1500)}`
    return `${this.code(p.absolute, 1500)}${real}${outside}${written}`
  }
}
