import { EntityParseError } from '../errors.js'
import type { MessageEntity } from '../types.js'
import { sortEntities } from './entities-to-html.js'
import { closeMarkdownEntity, type OpenEntity, openMarkdownEntity } from './markdown-v2-entities.js'
import type { ParsedText } from './parsed-text.js'
import { byteOffset } from './utf.js'

const RESERVED = '_*[]()~`>#+-=|{}.!'

interface OpenQuote {
  offset: number
  byteOffset: number
  expandable: boolean
}

/**
 * Parses `parse_mode: 'MarkdownV2'` like td: every reserved character outside an entity must be
 * escaped; inside code/pre only '`' and '\' are special. Block quotes are line-based ('>' at the
 * start of each line, '**>' … '||' for expandable ones).
 */
export function parseMarkdownV2(source: string): ParsedText {
  const out = { text: '', entities: [] as MessageEntity[] }
  const open: OpenEntity[] = []
  let quote: OpenQuote | undefined
  const closeQuote = () => {
    if (quote === undefined) return
    const unclosed = open.at(-1)
    if (unclosed !== undefined) throw cantFindEnd(unclosed)
    const length = out.text.length - quote.offset
    const type = quote.expandable ? 'expandable_blockquote' : 'blockquote'
    if (length > 0) out.entities.push({ type, offset: quote.offset, length })
    quote = undefined
  }
  let i = 0
  while (i < source.length) {
    const ch = source[i] ?? ''
    const next = source[i + 1] ?? ''
    if (ch === '\\' && next !== '' && next.charCodeAt(0) <= 126) {
      out.text += next
      i += 2
      continue
    }
    const top = open.at(-1)
    const inCode = top?.type === 'code' || top?.type === 'pre'
    const atLineStart = i === 0 || source[i - 1] === '\n'
    if (!inCode && atLineStart) {
      if (quote === undefined && open.length === 0 && source.startsWith('**>', i)) {
        quote = { offset: out.text.length, byteOffset: byteOffset(source, i), expandable: true }
        i += 3
        continue
      }
      if (ch === '>' && (quote !== undefined || open.length === 0)) {
        quote ??= { offset: out.text.length, byteOffset: byteOffset(source, i), expandable: false }
        i++
        continue
      }
    }
    if (ch === '\n' && quote !== undefined && !inCode && source[i + 1] !== '>') {
      closeQuote()
    }
    if (
      quote?.expandable === true &&
      open.length === 0 &&
      source.startsWith('||', i) &&
      (i + 2 === source.length || source[i + 2] === '\n')
    ) {
      closeQuote()
      i += 2
      continue
    }
    const reserved = inCode ? '`' : RESERVED
    if (!reserved.includes(ch)) {
      out.text += ch
      i++
      continue
    }
    if (top !== undefined && isEndOf(top, source, i)) {
      open.pop()
      i = closeMarkdownEntity(top, source, i, out)
      continue
    }
    const opened = openMarkdownEntity(source, i, out.text.length)
    open.push(opened.entity)
    i = opened.next
  }
  const unclosed = open.at(-1)
  if (unclosed !== undefined) throw cantFindEnd(unclosed)
  closeQuote()
  return { text: out.text, entities: sortEntities(out.entities) }
}

function isEndOf(entity: OpenEntity, source: string, i: number): boolean {
  const ch = source[i]
  switch (entity.type) {
    case 'bold':
      return ch === '*'
    case 'italic':
      return ch === '_' && source[i + 1] !== '_'
    case 'underline':
      return ch === '_' && source[i + 1] === '_'
    case 'strikethrough':
      return ch === '~'
    case 'spoiler':
      return ch === '|' && source[i + 1] === '|'
    case 'code':
      return ch === '`'
    case 'pre':
      return source.startsWith('```', i)
    default:
      return ch === ']' // text_link and custom_emoji
  }
}

function cantFindEnd(entity: OpenEntity): EntityParseError {
  return new EntityParseError(
    `Can't find end of ${entity.typeName} entity at byte offset ${entity.byteOffset}`,
  )
}
