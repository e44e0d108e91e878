/**
 * A tokenizer for the HTML *we* produce (renderMarkdown, tool summaries): tags, entities and single
 * code points, each with the number of UTF-16 units it shows. The splitter cuts between tokens, so it
 * can never land inside a tag, an entity or a surrogate pair.
 */

import { decodeEntities } from './plain-text.js'

export type TagToken = { kind: 'open' | 'close'; raw: string; name: string }
export type TextToken = { kind: 'text'; raw: string; visible: number; char: string }
export type HtmlToken = TagToken | TextToken

const TOKEN_RE = /<(\/?)([a-z][a-z0-9-]*)(?:\s[^<>]*)?>|&(?:#x[0-9a-f]+|#[0-9]+|[a-z]+);/giy

/** Splits `html` into tags and visible units (one code point or one entity each). */
export function tokenizeHtml(html: string): HtmlToken[] {
  const tokens: HtmlToken[] = []
  let i = 0
  while (i < html.length) {
    TOKEN_RE.lastIndex = i
    const m = TOKEN_RE.exec(html)
    if (m) {
      const raw = m[0]
      const name = m[2]?.toLowerCase()
      if (name !== undefined) tokens.push({ kind: m[1] ? 'close' : 'open', raw, name })
      else {
        const char = decodeEntities(raw)
        tokens.push({ kind: 'text', raw, visible: char.length, char })
      }
      i += raw.length
      continue
    }
    const cp = html.codePointAt(i) ?? 0
    const char = String.fromCodePoint(cp)
    tokens.push({ kind: 'text', raw: char, visible: char.length, char })
    i += char.length
  }
  return tokens
}

/** Removes elements with no content (`<b></b>`), which splitting and re-opening can leave behind. */
export function removeEmptyElements(html: string): string {
  const empty = /<([a-z][a-z0-9-]*)(?:\s[^<>]*)?><\/\1>/gi
  let previous: string
  let current = html
  do {
    previous = current
    current = current.replace(empty, '')
  } while (current !== previous)
  return current
}
