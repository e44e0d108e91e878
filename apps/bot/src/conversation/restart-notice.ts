/**
 * What the user reads after a restart: the text a cut-off turn's live message is edited to, and one
 * short notice per session listing what happened — turns that were cut off (each with Run again)
 * and messages that had not started and now run, late. Prompts are quoted shortened; past a few,
 * they are counted.
 */

import { excerpt } from '../render/truncate.js'
import type { InboxEntry } from './inbox-entry.js'

/** Prompts quoted by name; the rest are counted. */
const LISTED = 5
const PROMPT_EXCERPT = 80

export const RUN_AGAIN_LABEL = 'Run again'

/** The text that replaces a cut-off turn's live message (its Run again button goes with it). */
export function cutOffText(entry: InboxEntry): string {
  return `${entry.sessionName} · ✂️ cut off by a restart before it finished: ${quote(entry)}. ${RUN_AGAIN_LABEL} starts it over.`
}

/**
 * The session's notice, or undefined when nothing needs telling. `cut`: turns cut off by this
 * restart (those without a live message get their Run again button on the notice); `late`:
 * messages that had not started, oldest first.
 */
export function restartNotice(
  cut: readonly InboxEntry[],
  late: readonly InboxEntry[],
): string | undefined {
  if (cut.length === 0 && late.length === 0) return undefined
  const lines = ['The bot restarted.']
  for (const entry of cut.slice(0, LISTED)) {
    const where = entry.liveMessageId === undefined ? 'below' : 'on its message'
    lines.push(`• Cut off: ${quote(entry)} — ${RUN_AGAIN_LABEL} is ${where}.`)
  }
  if (cut.length > LISTED) lines.push(`• ${cut.length - LISTED} more were cut off.`)
  const [first] = late
  if (first && late.length === 1) {
    lines.push(`• ${quote(first)} had not started yet: it runs now, late.`)
  } else if (late.length > 1) {
    const listed = late.slice(0, LISTED).map(quote)
    const more = late.length - listed.length
    const list = more > 0 ? `${listed.join(', ')} and ${more} more` : listed.join(', ')
    lines.push(
      `• ${late.length} messages had not started yet: they run now, late, in order: ${list}.`,
    )
  }
  return lines.join('\n')
}

/** The label of a Run again button on the notice (named when there are several). */
export function runAgainLabel(entry: InboxEntry, several: boolean): string {
  return several ? `${RUN_AGAIN_LABEL}: ${excerpt(oneLine(describe(entry)), 30)}` : RUN_AGAIN_LABEL
}

function quote(entry: InboxEntry): string {
  return `"${excerpt(oneLine(describe(entry)), PROMPT_EXCERPT)}"`
}

/** The prompt as the user wrote it: an upload's caption, or what it carried. */
function describe(entry: InboxEntry): string {
  const files = entry.files ?? []
  if (files.length === 0) return entry.prompt ?? ''
  const caption = files.map((f) => f.caption?.trim()).find(Boolean)
  return (
    caption ?? (files.length === 1 ? (files[0]?.fileName ?? 'a file') : `${files.length} files`)
  )
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim()
}
