import { badRequest, EntityParseError } from '../errors.js'
import type { MessageEntity } from '../types.js'
import { sortEntities } from './entities-to-html.js'
import { parseHtml } from './html-parser.js'
import { parseMarkdownLegacy } from './markdown-legacy-parser.js'
import { parseMarkdownV2 } from './markdown-v2-parser.js'
import type { ParsedText } from './parsed-text.js'

export const MAX_TEXT_LENGTH = 4096
export const MAX_CAPTION_LENGTH = 1024

export interface FormatInput {
  text: string
  parseMode?: string | undefined
  entities?: MessageEntity[] | undefined
}

/** Applies parse_mode (or explicit entities) and trims like Telegram; throws its 400s. */
export function parseFormatted(input: FormatInput): ParsedText {
  if (input.entities !== undefined) return trim({ text: input.text, entities: input.entities })
  const mode = (input.parseMode ?? '').toLowerCase()
  try {
    switch (mode) {
      case '':
        return trim({ text: input.text, entities: [] })
      case 'html':
        return trim(parseHtml(input.text))
      case 'markdownv2':
        return trim(parseMarkdownV2(input.text))
      case 'markdown':
        return trim(parseMarkdownLegacy(input.text))
      default:
        throw badRequest('unsupported parse_mode')
    }
  } catch (error) {
    if (error instanceof EntityParseError) throw badRequest(`can't parse entities: ${error.reason}`)
    throw error
  }
}

/** A message text: 1-4096 UTF-16 code units after parsing. */
export function formatMessageText(input: FormatInput): ParsedText {
  const parsed = parseFormatted(input)
  if (parsed.text.length === 0) throw badRequest('message text is empty')
  if (parsed.text.length > MAX_TEXT_LENGTH) throw badRequest('message is too long')
  return parsed
}

/** A caption: 0-1024 UTF-16 code units after parsing. */
export function formatCaption(input: FormatInput): ParsedText {
  const parsed = parseFormatted(input)
  if (parsed.text.length > MAX_CAPTION_LENGTH) throw badRequest('message caption is too long')
  return parsed
}

// Telegram strips leading and trailing whitespace and moves entities with the text.
function trim(parsed: ParsedText): ParsedText {
  const lead = parsed.text.length - parsed.text.trimStart().length
  const text = parsed.text.trim()
  const entities: MessageEntity[] = []
  for (const entity of parsed.entities) {
    const start = Math.max(0, entity.offset - lead)
    const end = Math.min(text.length, entity.offset + entity.length - lead)
    if (end > start) entities.push({ ...entity, offset: start, length: end - start })
  }
  return { text, entities: sortEntities(entities) }
}
