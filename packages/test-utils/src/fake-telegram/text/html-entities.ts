const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"' }

/**
 * Decodes the HTML entity at `at` (which holds '&'): only the four named entities Telegram
 * supports and numeric ones. Returns undefined when it is not one of them.
 */
export function decodeHtmlEntity(
  source: string,
  at: number,
): { char: string; end: number } | undefined {
  const match = /^&(#x[0-9a-fA-F]{1,8}|#[0-9]{1,10}|[a-zA-Z]{1,10});/.exec(
    source.slice(at, at + 16),
  )
  if (!match?.[1]) return undefined
  const body = match[1]
  const end = at + match[0].length
  if (!body.startsWith('#')) {
    const char = NAMED[body]
    return char === undefined ? undefined : { char, end }
  }
  const code = body.startsWith('#x') ? Number.parseInt(body.slice(2), 16) : Number(body.slice(1))
  if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return undefined
  return { char: String.fromCodePoint(code), end }
}
