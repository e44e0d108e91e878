/**
 * A short, readable "-/+" diff of an Edit's old_string → new_string for the permission prompt.
 * Lines both sides share at the start and end are dropped (they are context, not the change), and
 * each side gets half the budget so a huge deletion can't hide the insertion.
 */

/** Returns diff text of at most `maxChars` UTF-16 units (plain text, not escaped). */
export function editDiff(oldText: string, newText: string, maxChars: number): string {
  let oldLines = oldText.split('\n')
  let newLines = newText.split('\n')
  let head = 0
  while (
    head < oldLines.length - 1 &&
    head < newLines.length - 1 &&
    oldLines[head] === newLines[head]
  )
    head++
  oldLines = oldLines.slice(head)
  newLines = newLines.slice(head)
  let tail = 0
  while (
    tail < oldLines.length - 1 &&
    tail < newLines.length - 1 &&
    oldLines[oldLines.length - 1 - tail] === newLines[newLines.length - 1 - tail]
  )
    tail++
  oldLines = oldLines.slice(0, oldLines.length - tail)
  newLines = newLines.slice(0, newLines.length - tail)
  const removed = oldText === '' ? [] : oldLines.map((l) => `- ${l}`)
  const added = newText === '' ? [] : newLines.map((l) => `+ ${l}`)
  const half = Math.floor(maxChars / 2)
  const lines = [
    ...(head > 0 ? [`  … ${head} unchanged line${head === 1 ? '' : 's'}`] : []),
    ...fitLines(removed, half, '-'),
    ...fitLines(added, maxChars - half, '+'),
  ]
  return clip(lines.join('\n'), maxChars)
}

/** Keeps whole lines (cutting a single over-long one) within `budget`, noting what was left out. */
function fitLines(lines: string[], budget: number, sign: string): string[] {
  const kept: string[] = []
  let used = 0
  const note = (n: number) => `${sign} … ${n} more line${n === 1 ? '' : 's'}`
  for (let k = 0; k < lines.length; k++) {
    const line = clip(lines[k] ?? '', 200)
    const reserve = k < lines.length - 1 ? note(lines.length - k).length + 1 : 0
    if (used + line.length + 1 + reserve > budget) {
      kept.push(note(lines.length - k))
      break
    }
    kept.push(line)
    used += line.length + 1
  }
  return kept
}

function clip(text: string, max: number): string {
  if (text.length <= max) return text
  let end = Math.max(0, max - 1)
  const code = text.charCodeAt(end)
  if (code >= 0xdc00 && code <= 0xdfff) end--
  return `${text.slice(0, end)}…`
}
