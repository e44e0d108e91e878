/**
 * Fitting a long text (a command, a file's content) into the room a prompt has left, and saying how
 * much of it is shown: whole lines when that keeps most of the room filled, else the first
 * characters. Nothing is ever cut without a note.
 */

import { truncateEnd } from './truncate.js'

export interface FittedBlock {
  text: string
  /** "40 of 212 lines" or "the first 3,000 of 5,014 characters"; undefined when all is shown. */
  shown: string | undefined
}

/** `text` within `room` UTF-16 units. */
export function fitBlock(text: string, room: number): FittedBlock {
  if (text.length <= room) return { text, shown: undefined }
  const lines = text.split('\n')
  const marker = '\n…'
  let used = 0
  let kept = 0
  for (const line of lines) {
    if (used + line.length + 1 + marker.length > room) break
    used += line.length + 1
    kept++
  }
  // A first line longer than the room (a one-line command) would leave the block nearly empty.
  if (kept > 0 && used >= room / 2) {
    return {
      text: lines.slice(0, kept).join('\n') + marker,
      shown: `${kept.toLocaleString('en-US')} of ${formatCount(lines.length, 'line')}`,
    }
  }
  const cut = truncateEnd(text, room)
  return {
    text: cut,
    shown: `the first ${(cut.length - 1).toLocaleString('en-US')} of ${formatCount(text.length, 'character')}`,
  }
}

/** "1 line", "212 lines", "5,014 characters". */
export function formatCount(n: number, noun: string): string {
  return `${n.toLocaleString('en-US')} ${noun}${n === 1 ? '' : 's'}`
}
