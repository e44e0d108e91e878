import { EntityParseError } from '../errors.js'
import { decodeHtmlEntity } from './html-entities.js'
import { byteOffset, isAlnum, isSpace } from './utf.js'

/**
 * Reads the attributes of a start tag from `from` (just after the tag name) to its '>', as td
 * does: quoted values may hold entities, unquoted ones must be name tokens.
 */
export function readTagAttributes(
  source: string,
  tagName: string,
  tagBegin: number,
  from: number,
): { attributes: Map<string, string>; end: number } {
  const attributes = new Map<string, string>()
  const unclosed = () =>
    new EntityParseError(`Unclosed start tag at byte offset ${byteOffset(source, tagBegin)}`)
  let i = from
  for (;;) {
    while (i < source.length && isSpace(source[i])) i++
    if (i >= source.length) throw unclosed()
    if (source[i] === '>') return { attributes, end: i }
    const nameBegin = i
    while (i < source.length && !isSpace(source[i]) && source[i] !== '=' && source[i] !== '>') i++
    const name = source.slice(nameBegin, i).toLowerCase()
    if (name === '') {
      throw new EntityParseError(
        `Empty attribute name in the tag "${tagName}" at byte offset ${byteOffset(source, tagBegin)}`,
      )
    }
    while (i < source.length && isSpace(source[i])) i++
    if (source[i] !== '=') {
      attributes.set(name, '') // a valueless attribute such as `expandable`
      continue
    }
    i++
    while (i < source.length && isSpace(source[i])) i++
    if (i >= source.length) throw unclosed()
    const quote = source[i]
    let value = ''
    if (quote !== '"' && quote !== "'") {
      const tokenBegin = i
      while (isAlnum(source[i]) || source[i] === '.' || source[i] === '-') i++
      value = source.slice(tokenBegin, i).toLowerCase()
      if (!isSpace(source[i]) && source[i] !== '>') {
        throw new EntityParseError(
          `Unexpected end of name token at byte offset ${byteOffset(source, tokenBegin)}`,
        )
      }
    } else {
      i++
      while (i < source.length && source[i] !== quote) {
        const decoded = source[i] === '&' ? decodeHtmlEntity(source, i) : undefined
        if (decoded) {
          value += decoded.char
          i = decoded.end
        } else {
          value += source[i]
          i++
        }
      }
      if (i >= source.length) throw unclosed()
      i++
    }
    attributes.set(name, value)
  }
}
