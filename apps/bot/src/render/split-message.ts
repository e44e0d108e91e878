/**
 * Splits text into Telegram-sized messages. Limits count *visible* UTF-16 units (after entity
 * parsing), so tags are free and `&lt;` costs 1. Cut preference: a block boundary (blank line, or
 * just after `</pre>` / `</blockquote>` at top level), then a line end, then a space, then any
 * point between code points. Cuts fall between tokens, so never inside a tag, an entity or a
 * surrogate pair. Tags still open at a cut are closed at the end of the part and re-opened, with the
 * same attributes, at the start of the next: every part is valid HTML on its own.
 */

import { type HtmlToken, removeEmptyElements, type TagToken, tokenizeHtml } from './html-tokens.js'

/** Telegram's maximum message length. */
export const TELEGRAM_MESSAGE_LIMIT = 4096

type Rank = 0 | 1 | 2 | 3 // hard < word < line < block

/** Splits rendered HTML into valid parts whose visible length is ≤ `limit`. */
export function splitHtml(html: string, limit = TELEGRAM_MESSAGE_LIMIT): string[] {
  return splitTokens(tokenizeHtml(html), checkLimit(limit))
}

/** Splits plain text into parts of ≤ `limit` UTF-16 units with the same boundary preferences. */
export function splitPlain(text: string, limit = TELEGRAM_MESSAGE_LIMIT): string[] {
  const tokens: HtmlToken[] = Array.from(text.toWellFormed(), (char) => ({
    kind: 'text',
    raw: char,
    visible: char.length,
    char,
  }))
  return splitTokens(tokens, checkLimit(limit))
}

function checkLimit(limit: number): number {
  if (!Number.isInteger(limit) || limit < 2)
    throw new RangeError(`split limit must be an integer ≥ 2, got ${limit}`)
  return limit
}

function splitTokens(tokens: HtmlToken[], limit: number): string[] {
  const parts: string[] = []
  let stack: TagToken[] = [] // open tags at the start of the current part
  let start = 0
  while (start < tokens.length) {
    start = skipLeadingSpace(tokens, start, stack)
    if (start >= tokens.length) break
    const { cut, openAtCut } = findCut(tokens, start, stack, limit)
    let last = cut
    while (last > start && isTrimmable(tokens[last - 1], openAtCut)) last--
    const body = tokens
      .slice(start, last)
      .map((t) => t.raw)
      .join('')
    const reopen = stack.map((t) => t.raw).join('')
    const close = [...openAtCut]
      .reverse()
      .map((t) => `</${t.name}>`)
      .join('')
    const part = removeEmptyElements(reopen + body + close)
    if (hasVisibleText(tokens, start, last)) parts.push(part)
    stack = openAtCut
    start = cut
  }
  return parts
}

/** Finds where the part starting at `start` should end, and which tags are open there. */
function findCut(tokens: HtmlToken[], start: number, stack: TagToken[], limit: number) {
  const open = [...stack]
  const best: (undefined | { cut: number; openAtCut: TagToken[] })[] = []
  let visible = 0
  let i = start
  for (; i < tokens.length; i++) {
    const token = tokens[i] as HtmlToken
    if (token.kind === 'text') {
      if (visible + token.visible > limit) break
      visible += token.visible
    } else if (token.kind === 'open') open.push(token)
    else if (open.at(-1)?.name === token.name) open.pop()
    const rank = rankAfter(tokens, i, open.length)
    const next = tokens[i + 1]
    // A cut right before a low surrogate can't happen: tokens are whole code points.
    if (next && next.kind !== 'close') best[rank] = { cut: i + 1, openAtCut: [...open] }
    else if (!next) return { cut: i + 1, openAtCut: [...open] }
  }
  // Take the best-ranked boundary; `best[0]` always exists once one unit fitted (limit ≥ 2).
  for (const rank of [3, 2, 1, 0] as const) {
    const choice = best[rank]
    if (choice && choice.cut > start) return choice
  }
  return { cut: Math.max(i, start + 1), openAtCut: open }
}

/** How good a boundary right after token `i` is. */
function rankAfter(tokens: HtmlToken[], i: number, depth: number): Rank {
  const token = tokens[i] as HtmlToken
  if (token.kind === 'close')
    return depth === 0 && (token.name === 'pre' || token.name === 'blockquote') ? 3 : 0
  if (token.kind !== 'text') return 0
  if (token.char === '\n') {
    const prev = tokens[i - 1]
    return depth === 0 && prev?.kind === 'text' && prev.char === '\n' ? 3 : 2
  }
  return token.char === ' ' ? 1 : 0
}

function isTrimmable(token: HtmlToken | undefined, open: TagToken[]): boolean {
  return token?.kind === 'text' && /^\s$/.test(token.char) && !open.some((t) => t.name === 'pre')
}

function skipLeadingSpace(tokens: HtmlToken[], start: number, open: TagToken[]): number {
  let i = start
  while (i < tokens.length && isTrimmable(tokens[i], open)) i++
  return i
}

/** Telegram rejects whitespace-only messages, so such parts are dropped. */
function hasVisibleText(tokens: HtmlToken[], from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const t = tokens[i]
    if (t?.kind === 'text' && t.char.trim() !== '') return true
  }
  return false
}
