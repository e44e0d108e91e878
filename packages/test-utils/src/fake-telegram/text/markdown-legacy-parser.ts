import { EntityParseError } from '../errors.js'
import type { MessageEntity } from '../types.js'
import { sortEntities } from './entities-to-html.js'
import type { ParsedText } from './parsed-text.js'
import { byteOffset } from './utf.js'

/** Parses the legacy `parse_mode: 'Markdown'` like td: *bold* _italic_ `code` ```pre``` [a](url). */
export function parseMarkdownLegacy(source: string): ParsedText {
  let text = ''
  const entities: MessageEntity[] = []
  let i = 0
  while (i < source.length) {
    const ch = source[i] ?? ''
    const next = source[i + 1] ?? ''
    if (ch === '\\' && '_*`['.includes(next) && next !== '') {
      text += next
      i += 2
      continue
    }
    if (!'_*`['.includes(ch)) {
      text += ch
      i++
      continue
    }
    const begin = i
    const isPre = source.startsWith('```', i)
    const endChar = ch === '[' ? ']' : ch
    i += isPre ? 3 : 1
    let language: string | undefined
    if (isPre) {
      const newline = source.indexOf('\n', i)
      const head = newline === -1 ? '' : source.slice(i, newline)
      if (/^[^\s`]+$/.test(head)) {
        language = head
        i = newline + 1
      }
    }
    const offset = text.length
    while (i < source.length && !(isPre ? source.startsWith('```', i) : source[i] === endChar)) {
      text += source[i]
      i++
    }
    if (i >= source.length) {
      throw new EntityParseError(
        `Can't find end of the entity starting at byte offset ${byteOffset(source, begin)}`,
      )
    }
    i += isPre ? 3 : 1
    const entity: MessageEntity = { type: typeOf(ch, isPre), offset, length: text.length - offset }
    if (language !== undefined) entity.language = language
    if (ch === '[') {
      const close = source[i] === '(' ? source.indexOf(')', i) : -1
      if (close === -1) continue // [text] alone is plain text
      entity.url = source.slice(i + 1, close)
      i = close + 1
    }
    if (entity.length > 0) entities.push(entity)
  }
  return { text, entities: sortEntities(entities) }
}

function typeOf(marker: string, isPre: boolean): string {
  if (isPre) return 'pre'
  return { _: 'italic', '*': 'bold', '`': 'code', '[': 'text_link' }[marker] ?? 'bold'
}
