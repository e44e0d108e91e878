import { EntityParseError } from '../errors.js'
import type { MessageEntity } from '../types.js'
import { sortEntities } from './entities-to-html.js'
import { readTagAttributes } from './html-attributes.js'
import { decodeHtmlEntity } from './html-entities.js'
import type { ParsedText } from './parsed-text.js'
import { byteOffset, isSpace } from './utf.js'

// Telegram's supported tags and the entity each becomes.
const TAG_TYPES: Record<string, string> = {
  b: 'bold',
  strong: 'bold',
  i: 'italic',
  em: 'italic',
  u: 'underline',
  ins: 'underline',
  s: 'strikethrough',
  strike: 'strikethrough',
  del: 'strikethrough',
  'tg-spoiler': 'spoiler',
  span: 'spoiler',
  a: 'text_link',
  'tg-emoji': 'custom_emoji',
  code: 'code',
  pre: 'pre',
  blockquote: 'blockquote',
}

interface OpenTag {
  name: string
  attributes: Map<string, string>
  offset: number
}

/**
 * Parses `parse_mode: 'HTML'` the way td (the Bot API server) does, with its error wording.
 * Stricter than td in one documented way: a `&` that does not start one of the supported
 * entities is rejected instead of being passed through.
 */
export function parseHtml(source: string): ParsedText {
  let text = ''
  const entities: MessageEntity[] = []
  const open: OpenTag[] = []
  let i = 0
  while (i < source.length) {
    const ch = source[i]
    if (ch === '&') {
      const decoded = decodeHtmlEntity(source, i)
      if (decoded === undefined) throw bareAmpersand(source, i)
      text += decoded.char
      i = decoded.end
      continue
    }
    if (ch !== '<') {
      text += ch
      i++
      continue
    }
    const begin = i
    if (source[i + 1] !== '/') {
      let end = i + 1
      while (end < source.length && !isSpace(source[end]) && source[end] !== '>') end++
      if (end >= source.length) throw unclosedStartTag(source, begin)
      const name = source.slice(i + 1, end).toLowerCase()
      if (TAG_TYPES[name] === undefined) {
        throw new EntityParseError(
          `Unsupported start tag "${name}" at byte offset ${byteOffset(source, begin)}`,
        )
      }
      const { attributes, end: tagEnd } = readTagAttributes(source, name, begin, end)
      checkStartTag(source, name, attributes, begin)
      open.push({ name, attributes, offset: text.length })
      i = tagEnd + 1
      continue
    }
    const top = open.pop()
    if (top === undefined) {
      throw new EntityParseError(`Unexpected end tag at byte offset ${byteOffset(source, begin)}`)
    }
    let end = i + 2
    while (end < source.length && !isSpace(source[end]) && source[end] !== '>') end++
    const endName = source.slice(i + 2, end).toLowerCase()
    while (end < source.length && isSpace(source[end])) end++
    if (source[end] !== '>') {
      throw new EntityParseError(`Unclosed end tag at byte offset ${byteOffset(source, begin)}`)
    }
    if (endName !== '' && endName !== top.name) {
      throw new EntityParseError(
        `Unmatched end tag at byte offset ${byteOffset(source, begin)}, expected "</${top.name}>", found "</${endName}>"`,
      )
    }
    closeTag(top, text.length, entities)
    i = end + 1
  }
  const unclosed = open.at(-1)
  if (unclosed !== undefined) {
    throw new EntityParseError(`Can't find end tag corresponding to start tag "${unclosed.name}"`)
  }
  return { text, entities: sortEntities(entities) }
}

function checkStartTag(
  source: string,
  name: string,
  attributes: Map<string, string>,
  begin: number,
): void {
  if (name === 'span' && attributes.get('class') !== 'tg-spoiler') {
    throw new EntityParseError(
      `Tag "span" must have class "tg-spoiler" at byte offset ${byteOffset(source, begin)}`,
    )
  }
  if (name === 'tg-emoji' && !/^\d+$/.test(attributes.get('emoji-id') ?? '')) {
    throw new EntityParseError(
      `Custom emoji entity must have a valid "emoji-id" at byte offset ${byteOffset(source, begin)}`,
    )
  }
}

function closeTag(tag: OpenTag, end: number, entities: MessageEntity[]): void {
  const length = end - tag.offset
  if (length <= 0) return // td drops empty entities silently
  const type = TAG_TYPES[tag.name] ?? 'bold'
  const entity: MessageEntity = { type, offset: tag.offset, length }
  if (tag.name === 'a') {
    const href = tag.attributes.get('href')
    if (href === undefined || href === '') return // no URL: plain text, like td
    entity.url = href
  }
  if (tag.name === 'tg-emoji') entity.custom_emoji_id = tag.attributes.get('emoji-id') ?? ''
  if (tag.name === 'blockquote' && tag.attributes.has('expandable')) {
    entity.type = 'expandable_blockquote'
  }
  if (tag.name === 'pre') {
    // <pre><code class="language-x">…</code></pre> is one pre entity with a language.
    const inner = entities.at(-1)
    if (inner?.type === 'code' && inner.offset === tag.offset && inner.length === length) {
      entities.pop()
      if (inner.language !== undefined) entity.language = inner.language
    }
  }
  if (tag.name === 'code') {
    const language = tag.attributes.get('class')
    if (language?.startsWith('language-')) entity.language = language.slice('language-'.length)
  }
  entities.push(entity)
}

function unclosedStartTag(source: string, begin: number): EntityParseError {
  return new EntityParseError(`Unclosed start tag at byte offset ${byteOffset(source, begin)}`)
}

function bareAmpersand(source: string, at: number): EntityParseError {
  const named = /^&[A-Za-z0-9#]+;/.exec(source.slice(at, at + 40))
  const offset = byteOffset(source, at)
  return new EntityParseError(
    named
      ? `Unsupported HTML entity "${named[0]}" at byte offset ${offset}`
      : `Character "&" must be escaped as "&amp;" at byte offset ${offset}`,
  )
}
