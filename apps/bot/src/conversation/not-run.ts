/** What the user is told when an accepted message could not be run (its entry is then dropped). */

import { excerpt } from '../render/truncate.js'

/** The pool did not take the message (its reason is shown: it names what to fix). */
export class PoolRefusedError extends Error {
  readonly code = 'POOL_REFUSED'
  override readonly name = 'PoolRefusedError'
  constructor(cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause)
    super(reason, { cause })
  }
  get userMessage(): string {
    return `Your message could not be passed to Claude Code (${excerpt(this.message)}). It was not run; please send it again.`
  }
}

/** What the user is told when their message could not be run (a typed error's own text if it has one). */
export function notRunText(error: unknown): string {
  const own = (error as { userMessage?: string } | undefined)?.userMessage
  if (own) return own
  const message = error instanceof Error ? error.message : String(error)
  return `Something went wrong: ${message.slice(0, 300)}. Your message was not run; please send it again.`
}
