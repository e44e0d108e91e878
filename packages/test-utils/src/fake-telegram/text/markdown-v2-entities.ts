import { EntityParseError } from '../errors.js'
import type { MessageEntity } from '../types.js'
import { byteOffset, isSpace } from './utf.js'

/** An entity whose closing marker has not been seen yet. */
export interface OpenEntity {
  type: string
  /** td's name for the type, used in "Can't find end of X entity". */
  typeName: string
  offset: number
  byteOffset: number
  language?: string
}

const TYPE_NAMES: Record<string, string> = {
  bold: 'Bold',
  italic: 'Italic',
  underline: 'Underline',
  strikethrough: 'Strikethrough',
  spoiler: 'Spoiler',
  code: 'Code',
  pre: 'Pre',
  text_link: 'TextUrl',
  custom_emoji: 'CustomEmoji',
}

function reserved(ch: string): EntityParseError {
  return new EntityParseError(
    `Character '${ch}' is reserved and must be escaped with the preceding '\\'`,
  )
}

/** Opens the entity whose marker starts at `i`; throws td's error for a stray reserved char. */
export function openMarkdownEntity(
  source: string,
  i: number,
  offset: number,
): { entity: OpenEntity; next: number } {
  const ch = source[i] ?? ''
  const make = (type: string, next: number, language?: string) => ({
    entity: {
      type,
      typeName: TYPE_NAMES[type] ?? type,
      offset,
      byteOffset: byteOffset(source, i),
      ...(language === undefined ? {} : { language }),
    },
    next,
  })
  switch (ch) {
    case '_':
      return source[i + 1] === '_' ? make('underline', i + 2) : make('italic', i + 1)
    case '*':
      return make('bold', i + 1)
    case '~':
      return make('strikethrough', i + 1)
    case '|':
      if (source[i + 1] === '|') return make('spoiler', i + 2)
      throw reserved(ch)
    case '[':
      return make('text_link', i + 1)
    case '!':
      if (source[i + 1] === '[') return make('custom_emoji', i + 2)
      throw reserved(ch)
    case '`': {
      if (!source.startsWith('```', i)) return make('code', i + 1)
      let j = i + 3
      let end = j
      while (end < source.length && !isSpace(source[end]) && source[end] !== '`') end++
      let language: string | undefined
      if (end > j && end < source.length && source[end] !== '`') {
        language = source.slice(j, end)
        j = end
      }
      // one line break right after the opening fence is not part of the code
      if (source[j] === '\r' && source[j + 1] === '\n') j += 2
      else if (source[j] === '\n' || source[j] === '\r') j++
      return make('pre', j, language)
    }
    default:
      throw reserved(ch)
  }
}

/** Closes `entity` at its end marker (at `i`), pushing the entity; returns the next index. */
export function closeMarkdownEntity(
  entity: OpenEntity,
  source: string,
  i: number,
  out: { text: string; entities: MessageEntity[] },
): number {
  const length = out.text.length - entity.offset
  const result: MessageEntity = { type: entity.type, offset: entity.offset, length }
  let next = i + 1
  if (entity.type === 'underline' || entity.type === 'spoiler') next = i + 2
  if (entity.type === 'pre') {
    next = i + 3
    if (entity.language !== undefined) result.language = entity.language
  }
  if (entity.type === 'text_link' || entity.type === 'custom_emoji') {
    const url = readUrl(source, i)
    next = url.next
    if (entity.type === 'custom_emoji') {
      const id = /^tg:\/\/emoji\?id=(\d+)$/.exec(url.value ?? '')?.[1]
      if (id === undefined)
        throw new EntityParseError('Custom emoji entity must contain a tg://emoji URL')
      result.custom_emoji_id = id
    } else {
      // [text] without (url) uses the text itself, like td
      result.url = url.value ?? out.text.slice(entity.offset)
    }
  }
  if (length > 0) out.entities.push(result)
  return next
}

function readUrl(source: string, close: number): { value?: string; next: number } {
  if (source[close + 1] !== '(') return { next: close + 1 }
  let i = close + 2
  const begin = i
  let value = ''
  while (i < source.length && source[i] !== ')') {
    const next = source[i + 1]
    if (source[i] === '\\' && next !== undefined && next.charCodeAt(0) <= 126) {
      value += next
      i += 2
      continue
    }
    value += source[i]
    i++
  }
  if (source[i] !== ')') {
    throw new EntityParseError(
      `Can't find end of a URL at byte offset ${byteOffset(source, begin)}`,
    )
  }
  return { value, next: i + 1 }
}
