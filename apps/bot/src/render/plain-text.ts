/**
 * Telegram HTML → the text a user sees. Used for the plain-text fallback when Telegram still rejects
 * a part's formatting, and to measure parts the way Telegram does (UTF-16 units after entity parsing).
 */

const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"' }

/** Decodes the entities Telegram understands; anything else is left as written. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, body: string) => {
    if (body.startsWith('#')) {
      const code =
        body[1] === 'x' || body[1] === 'X'
          ? Number.parseInt(body.slice(2), 16)
          : Number.parseInt(body.slice(1), 10)
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole
    }
    return NAMED[body.toLowerCase()] ?? whole
  })
}

/** Strips tags and decodes entities: exactly the message text Telegram would show. */
export function htmlToPlain(html: string): string {
  return decodeEntities(html.replace(/<\/?[a-z][a-z0-9-]*(?:\s[^<>]*)?>/gi, ''))
}

/** Length Telegram counts against its 4096 limit: UTF-16 code units of the visible text. */
export function visibleLength(html: string): number {
  return htmlToPlain(html).length
}
