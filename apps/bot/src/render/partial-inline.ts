/**
 * Closes the inline Markdown a streamed paragraph has opened but not yet closed (`**Fixed`,
 * `` `sum( ``, `~~old`), so the live view shows "Fixed" in bold as it is typed instead of raw
 * asterisks that turn bold later. A delimiter typed last, with nothing after it yet, is dropped.
 * Only the look depends on this: renderMarkdown makes safe HTML of any input.
 */

interface Delimiter {
  char: string
  length: number
  /** Index just after the delimiter run. */
  end: number
}

const WORD = /[\p{L}\p{N}]/u
const SPACE = /\s/u

/** A link still being typed at the end (`[docs](https://no` or `[do`): its text, until it is whole. */
const UNFINISHED_LINK = /!?\[([^\]]*)(?:\]\([^)\s]*)?$/

/** `text` with its open code span and emphasis closed (or a dangling opener removed). */
export function closeOpenInline(text: string): string {
  const link = UNFINISHED_LINK.exec(text)
  // Inside a code span (an odd number of backticks before it) brackets are just code.
  if (link && (text.slice(0, link.index).match(/`/g)?.length ?? 0) % 2 === 0) {
    return closeInline(text.slice(0, link.index) + (link[1] ?? ''))
  }
  return closeInline(text)
}

function closeInline(text: string): string {
  const stack: Delimiter[] = []
  let code: Delimiter | undefined
  let i = 0
  while (i < text.length) {
    const ch = text[i] as string
    if (ch === '\\' && !code) {
      i += 2
      continue
    }
    const length = runLength(text, i)
    const end = i + length
    if (ch === '`') {
      if (!code) code = { char: ch, length, end }
      else if (code.length === length) code = undefined
    } else if (!code && (ch === '*' || ch === '_' || (ch === '~' && length >= 2))) {
      const before = text[i - 1] ?? ' '
      // At the end of the text more is coming: a delimiter typed last may open.
      const after = text[end] ?? 'x'
      const canOpen = !SPACE.test(after)
      const canClose = !SPACE.test(before)
      // snake_case: an underscore inside a word is not emphasis.
      const intraword = ch === '_' && WORD.test(before) && WORD.test(after)
      const top = stack.at(-1)
      if (intraword) {
        // nothing
      } else if (canClose && top?.char === ch) {
        stack.pop()
        // Typed halfway (`**Fixed*` so far): the rest of the closer is still to come.
        if (end === text.length && length < top.length) return text + ch.repeat(top.length - length)
      } else if (canOpen) stack.push({ char: ch, length, end })
    }
    i = end
  }
  return closeAll(text, stack, code)
}

function closeAll(text: string, stack: Delimiter[], code: Delimiter | undefined): string {
  let out = text
  if (code) {
    // "`" typed last: no code yet, drop it; else close the span with a run as long.
    if (code.end === out.length)
      return closeAll(out.slice(0, code.end - code.length), stack, undefined)
    return out + code.char.repeat(code.length) + closers(stack)
  }
  while (stack.length > 0 && stack.at(-1)?.end === out.trimEnd().length) {
    const last = stack.pop() as Delimiter
    out = out.trimEnd().slice(0, last.end - last.length)
  }
  if (stack.length === 0) return out
  // A closer must follow a non-space to count.
  return out.trimEnd() + closers(stack)
}

function closers(stack: readonly Delimiter[]): string {
  return [...stack]
    .reverse()
    .map((d) => d.char.repeat(d.length))
    .join('')
}

function runLength(text: string, at: number): number {
  const ch = text[at]
  let end = at + 1
  while (text[end] === ch) end++
  return end - at
}
