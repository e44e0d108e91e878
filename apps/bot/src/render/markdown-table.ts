/**
 * GFM tables → aligned monospace text. Telegram has no tables; a `<pre>` grid keeps columns lined up
 * on every client. Cells are plain text (formatting can't live inside pre anyway).
 */

import { inlineText, type MdToken } from './markdown-inline.js'

type Align = 'left' | 'center' | 'right'

/** Renders the tokens between table_open and table_close (exclusive) as the text of a grid. */
export function renderTableText(tokens: readonly MdToken[]): string {
  const rows: string[][] = []
  const aligns: Align[] = []
  let headerRows = 0
  let row: string[] | undefined
  for (const token of tokens) {
    if (token.type === 'tr_open') row = []
    else if (token.type === 'tr_close' && row) {
      rows.push(row)
      row = undefined
    } else if (token.type === 'thead_close') headerRows = rows.length
    else if ((token.type === 'th_open' || token.type === 'td_open') && row && rows.length === 0) {
      aligns.push(alignOf(String(token.attrGet('style') ?? '')))
    } else if (token.type === 'inline' && row) {
      row.push(
        inlineText(token.children ?? [])
          .replace(/\s+/g, ' ')
          .trim(),
      )
    }
  }
  const columns = Math.max(0, ...rows.map((r) => r.length))
  const widths = Array.from({ length: columns }, (_, c) =>
    Math.max(1, ...rows.map((r) => [...(r[c] ?? '')].length)),
  )
  const lines = rows.map((r) =>
    widths
      .map((w, c) => pad(r[c] ?? '', w, aligns[c] ?? 'left'))
      .join(' │ ')
      .trimEnd(),
  )
  if (headerRows > 0) lines.splice(headerRows, 0, widths.map((w) => '─'.repeat(w)).join('─┼─'))
  return lines.join('\n')
}

function alignOf(style: string): Align {
  if (style.includes('center')) return 'center'
  if (style.includes('right')) return 'right'
  return 'left'
}

function pad(text: string, width: number, align: Align): string {
  const gap = width - [...text].length
  if (align === 'right') return ' '.repeat(gap) + text
  if (align === 'center')
    return ' '.repeat(Math.floor(gap / 2)) + text + ' '.repeat(Math.ceil(gap / 2))
  return text + ' '.repeat(gap)
}
