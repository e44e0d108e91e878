/**
 * After a restart, the turns an earlier run of the bot left unfinished are reported once per
 * session, in one notice that lists them (a few, each shortened, then a count), however many
 * there were.
 */

import { excerpt } from '../render/truncate.js'
import type { InflightEntry } from './inflight-store.js'

/** Prompts quoted by name; the rest are counted. */
const LISTED = 5
const PROMPT_EXCERPT = 80

/** The notice for `cut` (oldest first), or undefined when nothing was cut off. */
export function interruptedNotice(cut: readonly InflightEntry[]): string | undefined {
  const [first] = cut
  if (!first) return undefined
  if (cut.length === 1) {
    return `Your previous message "${quote(first.prompt)}" was interrupted by a restart; its answer may be incomplete.`
  }
  const listed = cut.slice(0, LISTED).map((entry) => `"${quote(entry.prompt)}"`)
  const more = cut.length - listed.length
  const list = more > 0 ? `${listed.join(', ')} and ${more} more` : listed.join(', ')
  return `Your previous ${cut.length} messages were interrupted by a restart; their answers may be missing or incomplete: ${list}.`
}

function quote(prompt: string): string {
  return excerpt(prompt.replace(/\s+/g, ' ').trim(), PROMPT_EXCERPT)
}
