/**
 * A readable "-/+" diff of an Edit's old_string → new_string for the permission prompt. Lines both
 * sides share at the start and end are shown as context ("  line") when everything fits: they say
 * where the edit lands (which function). Otherwise they are counted ("… 3 unchanged lines") and the
 * result is not complete, so the prompt attaches the exact input. When the change itself doesn't fit,
 * each side gets half the budget (a side that needs less gives the rest to the other) so a huge
 * deletion can't hide the insertion.
 */

import { formatCount } from './fit-block.js'

export interface EditDiff {
  /** Plain text (not escaped), at most the budget in UTF-16 units. */
  text: string
  /** Whether all of old_string and new_string is in `text`: every changed line, whole, and the context. */
  complete: boolean
  /** Changed lines shown (whole or cut) and in all. */
  shown: number
  total: number
}

/** The diff of one edit within `maxChars`. */
export function editDiff(oldText: string, newText: string, maxChars: number): EditDiff {
  const { head, tail, removed, added } = changedLines(oldText, newText)
  const total = removed.length + added.length
  const shared = (lines: string[]) => lines.map((line) => `  ${line}`)
  const full = [...shared(head), ...removed, ...added, ...shared(tail)].join('\n')
  if (full.length <= maxChars) return { text: full, complete: true, shown: total, total }
  const counted = (lines: string[]) =>
    lines.length > 0 ? [`  … ${formatCount(lines.length, 'unchanged line')}`] : []
  const context = counted(head)
  const after = counted(tail)
  const whole = [...context, ...removed, ...added, ...after].join('\n')
  if (whole.length <= maxChars) return { text: whole, complete: false, shown: total, total }
  const room = maxChars - (context[0]?.length ?? -1) - 1
  const need = (lines: string[]) => lines.reduce((n, l) => n + l.length + 1, 0)
  const removedRoom = Math.max(Math.floor(room / 2), room - need(added))
  const minus = fitLines(removed, Math.min(removedRoom, need(removed)), '-')
  const plus = fitLines(added, room - minus.used, '+')
  const text = clip([...context, ...minus.lines, ...plus.lines].join('\n'), maxChars)
  return { text, complete: false, shown: minus.shown + plus.shown, total }
}

/** The lines that differ, each prefixed "- " or "+ ", and the shared lines before and after them. */
function changedLines(oldText: string, newText: string) {
  let oldLines = oldText.split('\n')
  let newLines = newText.split('\n')
  let head = 0
  while (
    head < oldLines.length - 1 &&
    head < newLines.length - 1 &&
    oldLines[head] === newLines[head]
  )
    head++
  const headLines = oldLines.slice(0, head)
  oldLines = oldLines.slice(head)
  newLines = newLines.slice(head)
  let tail = 0
  while (
    tail < oldLines.length - 1 &&
    tail < newLines.length - 1 &&
    oldLines[oldLines.length - 1 - tail] === newLines[newLines.length - 1 - tail]
  )
    tail++
  const tailLines = oldLines.slice(oldLines.length - tail)
  oldLines = oldLines.slice(0, oldLines.length - tail)
  newLines = newLines.slice(0, newLines.length - tail)
  return {
    head: headLines,
    tail: tailLines,
    removed: oldText === '' ? [] : oldLines.map((l) => `- ${l}`),
    added: newText === '' ? [] : newLines.map((l) => `+ ${l}`),
  }
}

/** Keeps whole lines (cutting the first that doesn't fit) within `budget`, noting what was left out. */
function fitLines(lines: string[], budget: number, sign: string) {
  const kept: string[] = []
  const note = (n: number) => `${sign} … ${formatCount(n, 'more line')}`
  let used = 0
  for (const [k, line] of lines.entries()) {
    const rest = lines.length - k - 1
    const reserve = rest > 0 ? note(rest).length + 1 : 0
    if (used + line.length + 1 + reserve <= budget) {
      kept.push(line)
      used += line.length + 1
      continue
    }
    const left = budget - used - reserve - 1
    const shown = left >= 20 ? [clip(line, left)] : []
    const missing = lines.length - k - shown.length
    const tail = missing > 0 ? [note(missing)] : []
    kept.push(...shown, ...tail)
    return {
      lines: kept,
      shown: k + shown.length,
      used: used + [...shown, ...tail].join('\n').length + 1,
    }
  }
  return { lines: kept, shown: lines.length, used }
}

function clip(text: string, max: number): string {
  if (text.length <= max) return text
  let end = Math.max(0, max - 1)
  const code = text.charCodeAt(end)
  if (code >= 0xdc00 && code <= 0xdfff) end--
  return `${text.slice(0, end)}…`
}
