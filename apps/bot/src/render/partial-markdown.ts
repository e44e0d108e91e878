/**
 * A half-streamed Markdown answer → safe Telegram HTML for the live view, rendered the way the final
 * answer will be (renderMarkdown), so the view does not jump when the answer arrives:
 * - an unclosed code fence is code to the end (markdown-it's own reading);
 * - open emphasis and code spans of the last line are closed as typed (partial-inline.ts);
 * - an unfinished last line made only of markup (`-`, `1.`, `#`, a fence or a half table row) waits
 *   for its next characters, so it does not flash as text, a rule or a heading underline;
 * - a table shows once its delimiter row is complete, then row by row, as the final grid;
 * - only the tail is shown, cut between tokens with its open elements re-opened (html-tail.ts).
 */

import { htmlTail } from './html-tail.js'
import { fenceAtEnd } from './markdown-fences.js'
import { renderMarkdown } from './markdown-to-html.js'
import { closeOpenInline } from './partial-inline.js'

/** Source kept before rendering, per visible unit shown: rendering rarely grows text (tables do). */
const SOURCE_PER_VISIBLE = 3

const MARKUP_ONLY = /^[ \t]*(?:[-+*=_#>|`~:.]+|\d{1,9}[.)])[ \t]*$/
const TABLE_ROW = /^[ \t]{0,3}\|/
const DELIMITER_ROW = /^[ \t]{0,3}\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$/

/** Renders streamed `markdown` as valid Telegram HTML showing at most `maxVisible` units. */
export function renderPartialMarkdown(markdown: string, maxVisible: number): string {
  let source = limitSource(markdown.toWellFormed(), SOURCE_PER_VISIBLE * maxVisible)
  source = holdBackTable(holdBackMarkupLine(source))
  if (fenceAtEnd(source) === undefined) source = closeLastLine(source)
  return htmlTail(renderMarkdown(source), maxVisible)
}

/** The last `max` units at a line start (re-opening a fence the cut fell in). */
function limitSource(text: string, max: number): string {
  if (text.length <= max) return text
  const newline = text.indexOf('\n', text.length - max)
  if (newline === -1) return text.slice(text.length - max)
  const open = fenceAtEnd(text.slice(0, newline))
  const rest = text.slice(newline + 1)
  return open ? `${open.line}\n${rest}` : rest
}

function holdBackMarkupLine(text: string): string {
  const start = text.lastIndexOf('\n') + 1
  return MARKUP_ONLY.test(text.slice(start)) ? text.slice(0, start) : text
}

/**
 * A table being typed: its unfinished last row waits, and a header without its complete delimiter
 * row waits (it would show as a paragraph of pipes until then).
 */
function holdBackTable(text: string): string {
  const lines = text.split('\n')
  const last = lines.at(-1) ?? ''
  if (last !== '' && TABLE_ROW.test(last)) lines.pop()
  // Whole lines only: after a final newline the last element is ''.
  const end = lines.at(-1) === '' ? lines.length - 1 : lines.length
  let first = end
  while (first > 0 && TABLE_ROW.test(lines[first - 1] ?? '')) first--
  const rows = lines.slice(first, end)
  if (rows.length === 1 || (rows.length === 2 && !DELIMITER_ROW.test(rows[1] ?? ''))) {
    lines.splice(first)
    lines.push('')
  }
  return lines.join('\n')
}

/**
 * Closes open inline markup on the line being written. Only that line: emphasis rarely spans
 * lines, and list items or table rows above it are separate inline runs a closer would not reach.
 */
function closeLastLine(text: string): string {
  const body = text.trimEnd()
  const start = body.lastIndexOf('\n') + 1
  return body.slice(0, start) + closeOpenInline(body.slice(start))
}
