/**
 * Escaping for Telegram's HTML parse mode. Telegram only understands `&lt; &gt; &amp; &quot;` and
 * numeric entities, so these four characters are the only ones we ever rewrite.
 */

/** Escapes text for use between tags. Lone surrogates become U+FFFD (Telegram wants valid UTF-8). */
export function escapeHtml(text: string): string {
  return text
    .toWellFormed()
    .replace(/[&<>]/g, (ch) => (ch === '&' ? '&amp;' : ch === '<' ? '&lt;' : '&gt;'))
}

/** Escapes a value for a double-quoted attribute (href, class). */
export function escapeAttr(value: string): string {
  return escapeHtml(value).replace(/"/g, '&quot;')
}
