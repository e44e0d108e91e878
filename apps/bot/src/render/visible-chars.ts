/**
 * Characters that change what a text looks like without being seen: zero-width ones (U+200B–U+200F,
 * U+2060–U+2064, U+FEFF), bidi controls (U+202A–U+202E, U+2066–U+2069), tag characters and every
 * other format (Cf) or control character but \n and \t, line/paragraph separators, look-alike
 * spaces, Hangul fillers, lone surrogates and private-use characters (a font may draw those as
 * anything). A permission prompt shows each as `⟨U+202E⟩`, so `⟨U+202E⟩hs.txt` can't pass for `txt.sh`.
 */

const HIDDEN =
  /[\p{Cf}\p{Cs}\p{Co}\p{Zl}\p{Zp}\u115F\u1160\u3164\uFFA0\u034F]|[^\S \n\t]|[\p{Cc}--[\n\t]]/gv

export interface VisibleText {
  /** The text with each hidden character replaced by `⟨U+XXXX⟩`. */
  text: string
  /** How many were replaced. */
  count: number
}

/** Makes every hidden character of `text` visible. */
export function showHidden(text: string): VisibleText {
  let count = 0
  const shown = text.replace(HIDDEN, (ch) => {
    count += 1
    return codePointLabel(ch)
  })
  return { text: shown, count }
}

/** "⟨U+202E⟩" for one character (lone surrogates included). */
export function codePointLabel(ch: string): string {
  const code = ch.codePointAt(0) ?? 0
  return `⟨U+${code.toString(16).toUpperCase().padStart(4, '0')}⟩`
}
