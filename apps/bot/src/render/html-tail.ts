/**
 * The end of rendered Telegram HTML within a visible budget: cut between tokens (never inside a tag,
 * an entity or a surrogate pair), at a line start when one is near, with "…" in front and the
 * elements still open at the cut re-opened, so the tail is valid HTML on its own.
 */

import { removeEmptyElements, type TagToken, tokenizeHtml } from './html-tokens.js'

const MARKER = '…\n'
/** How far past the cut a line start may be and still be preferred to a cut mid-line. */
const LINE_SLACK = 200

/** `html` if it shows at most `maxVisible` UTF-16 units, else its tail that does, marked "…". */
export function htmlTail(html: string, maxVisible: number): string {
  const tokens = tokenizeHtml(html)
  let visible = 0
  for (const t of tokens) if (t.kind === 'text') visible += t.visible
  if (visible <= maxVisible) return html
  const budget = Math.max(0, maxVisible - MARKER.length)
  let start = tokens.length
  let kept = 0
  while (start > 0) {
    const t = tokens[start - 1]
    const cost = t?.kind === 'text' ? t.visible : 0
    if (kept + cost > budget) break
    kept += cost
    start--
  }
  // Prefer to start on a new line (after a "\n") a little later.
  let seen = 0
  for (let i = start; i < tokens.length && seen < LINE_SLACK; i++) {
    const t = tokens[i]
    if (t?.kind !== 'text') continue
    seen += t.visible
    if (t.char === '\n' && i + 1 < tokens.length) {
      start = i + 1
      break
    }
  }
  const open: TagToken[] = []
  for (let i = 0; i < start; i++) {
    const t = tokens[i]
    if (t?.kind === 'open') open.push(t)
    else if (t?.kind === 'close' && open.at(-1)?.name === t.name) open.pop()
  }
  const rest = tokens
    .slice(start)
    .map((t) => t.raw)
    .join('')
  // The marker goes before the re-opened tags: text directly inside <pre> before its <code> is not allowed.
  return MARKER + removeEmptyElements(open.map((t) => t.raw).join('') + rest)
}
