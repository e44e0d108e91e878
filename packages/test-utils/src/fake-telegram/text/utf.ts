/** UTF-8 byte offset of a UTF-16 index: Telegram reports parse errors in bytes. */
export function byteOffset(text: string, index: number): number {
  return Buffer.byteLength(text.slice(0, index), 'utf8')
}

/** Whitespace as td's `is_space` sees it. */
export function isSpace(ch: string | undefined): boolean {
  return ch === ' ' || ch === '\t' || ch === '\r' || ch === '\n' || ch === '\0' || ch === '\v'
}

/** True for ASCII letters and digits. */
export function isAlnum(ch: string | undefined): boolean {
  return ch !== undefined && /^[A-Za-z0-9]$/.test(ch)
}
