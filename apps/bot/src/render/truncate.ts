/** Length-bounded text in UTF-16 units (Telegram's measure) that never splits a surrogate pair. */

import { escapeHtml } from './html-escape.js'

/** The most of a user's input (a name, a path, a prompt) any reply quotes. */
export const QUOTE_MAX = 200

/**
 * A bounded excerpt of user input for a reply, so no reply is refused by Telegram for length:
 * at most `max` units, ending with "…" when cut. Plain text: escape it for HTML (or use quoteHtml).
 */
export function excerpt(text: string, max = QUOTE_MAX): string {
  return truncateEnd(text, max)
}

/** excerpt(), escaped for Telegram HTML (entities count as one character, so the bound holds). */
export function quoteHtml(text: string, max = QUOTE_MAX): string {
  return escapeHtml(excerpt(text, max))
}

/** Keeps the start of `text`, ending with `marker` when shortened; result ≤ `max` units. */
export function truncateEnd(text: string, max: number, marker = '…'): string {
  if (text.length <= max) return text
  let end = Math.max(0, max - marker.length)
  if (isLowSurrogate(text.charCodeAt(end))) end--
  return text.slice(0, end) + marker
}

/**
 * Keeps the end of `text`, starting with `marker` when shortened; result ≤ `max` units. Starts at a
 * line break when one is close to the cut, so the tail doesn't open mid-line.
 */
export function truncateStart(text: string, max: number, marker = '…'): string {
  if (text.length <= max) return text
  let start = text.length - Math.max(0, max - marker.length)
  if (isLowSurrogate(text.charCodeAt(start))) start++
  const newline = text.indexOf('\n', start)
  // Moving past the newline frees at least one unit, which pays for the "\n" after the marker.
  if (newline !== -1 && newline - start < 200 && newline + 1 < text.length) {
    return `${marker}\n${text.slice(newline + 1)}`
  }
  return marker + text.slice(start)
}

/** First line of `text`, marked with "…" when more lines follow. */
export function firstLine(text: string): string {
  const trimmed = text.trim()
  const newline = trimmed.indexOf('\n')
  return newline === -1 ? trimmed : `${trimmed.slice(0, newline).trimEnd()} …`
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff
}

/**
 * `current + more`, cut to its last `keep` units once it grows past twice that: a live view that
 * only ever shows the tail keeps no more, and cutting rarely keeps appends cheap. The cut may
 * start mid-pair; whoever shows it cuts again (truncateStart) or escapes it (escapeHtml).
 */
export function appendTail(current: string, more: string, keep: number): string {
  const next = current + more
  return next.length > 2 * keep ? next.slice(next.length - keep) : next
}
