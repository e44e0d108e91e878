/**
 * Where fenced code blocks (```` ``` ```` / `~~~`) open and close, line by line, the way CommonMark
 * reads them. A live view that shows only the tail of an answer needs to know whether that tail
 * starts or ends inside a fence: code shown as prose (or prose as code) would be the wrong way round.
 * Indentation is not checked, so fences inside list items count too.
 */

export interface OpenFence {
  /** The opening line as written (e.g. "```ts"), to re-open the block at a cut. */
  line: string
  char: '`' | '~'
  length: number
}

const OPENER = /^[ \t]*(`{3,}|~{3,})(.*)$/
const CLOSER = /^[ \t]*(`{3,}|~{3,})[ \t]*$/

/** The fence still open after `line`, given the one open before it (undefined: none). */
export function nextFence(open: OpenFence | undefined, line: string): OpenFence | undefined {
  if (open) {
    const close = CLOSER.exec(line)
    const run = close?.[1]
    return run?.[0] === open.char && run.length >= open.length ? undefined : open
  }
  const m = OPENER.exec(line)
  const run = m?.[1]
  if (!m || !run) return undefined
  // A backtick fence's info string may not contain a backtick (it would be inline code).
  if (run[0] === '`' && (m[2] ?? '').includes('`')) return undefined
  return { line: line.trimEnd(), char: run[0] === '`' ? '`' : '~', length: run.length }
}

/** The fence open at the end of `text` (its last line counts even when unfinished). */
export function fenceAtEnd(text: string, open?: OpenFence): OpenFence | undefined {
  let state = open
  for (const line of text.split('\n')) state = nextFence(state, line)
  return state
}
