import { readdirSync } from 'node:fs'
import { setImmediate as yieldToEventLoop } from 'node:timers/promises'

/**
 * Start-up recovery looks into every session's directory for what an earlier run left (pending
 * finals in `outbox/`, messages in `inbox/`). Most sessions have neither: asking each loader would
 * cost two failed async reads per session (an ENOENT error object each), which with 10,000 sessions
 * is 20,000 rejected promises of garbage the heap grows for and keeps. One synchronous listing of
 * each session directory, in batches that yield to the event loop (as core's list does), says which
 * sessions have anything to recover.
 */
const BATCH_SIZE = 100

/**
 * For each of `dirs`, which of `names` it holds. A directory that can't be listed (other than gone)
 * counts as holding all of them, so the loaders read it and report what is wrong.
 */
export async function subdirsPresent(
  dirs: readonly string[],
  names: readonly string[],
): Promise<Map<string, Set<string>>> {
  const found = new Map<string, Set<string>>()
  for (let start = 0; start < dirs.length; start += BATCH_SIZE) {
    if (start > 0) await yieldToEventLoop()
    for (const dir of dirs.slice(start, start + BATCH_SIZE)) {
      const present = presentIn(dir, names)
      if (present.size > 0) found.set(dir, present)
    }
  }
  return found
}

function presentIn(dir: string, names: readonly string[]): Set<string> {
  try {
    const entries = new Set(readdirSync(dir))
    return new Set(names.filter((name) => entries.has(name)))
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    return code === 'ENOENT' || code === 'ENOTDIR' ? new Set() : new Set(names)
  }
}
