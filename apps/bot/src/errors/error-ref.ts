/**
 * One place where an error's internals (CLI diagnostics, stderr, exception messages, JSON) go: the
 * log, under a short reference id. The chat message names the id ("(ref 3fa9c2)") instead, so the
 * bot's owner can find the details with `grep 3fa9c2` and nobody's chat shows a stack or JSON.
 */

import { randomBytes } from 'node:crypto'
import type { Logger } from '../logging/logger.js'

/** Logs `details` under a new reference id and returns the id. */
export type ErrorReporter = (details: Record<string, unknown>, what: string) => string

/** A fresh reference id: 6 lowercase hex characters, easy to read out and to grep. */
export function newErrorRef(): string {
  return randomBytes(3).toString('hex')
}

/** A reporter that writes to `logger` (at warn: the user was told, the bot keeps running). */
export function errorReporter(
  logger: Pick<Logger, 'warn'>,
  context: Record<string, unknown> = {},
): ErrorReporter {
  return (details, what) => {
    const ref = newErrorRef()
    logger.warn({ errorRef: ref, ...context, ...details }, what)
    return ref
  }
}

/** For callers with no logger (pure unit tests): an id, details dropped. */
export const unloggedReporter: ErrorReporter = () => newErrorRef()

/** " (ref abc123)", the suffix a chat message carries. */
export function refSuffix(ref: string): string {
  return ` (ref ${ref})`
}

/**
 * The CLI's or the API's own words, when they are plain human text: its internal diagnostics
 * ("[ede_diagnostic] …") removed, JSON reduced to its `message`, stack lines and long text dropped.
 * Empty when nothing readable is left (the caller then says it in its own words).
 */
export function plainWords(text: string, max = 300): string {
  let words = text.replace(/\s*\(?\[ede_diagnostic\][^)\n]*\)?/g, '').trim()
  const json = words.indexOf('{')
  if (json >= 0) {
    const message = /"message"\s*:\s*"((?:[^"\\]|\\.)*)"/.exec(words.slice(json))?.[1]
    words =
      `${words.slice(0, json).trim()} ${message ? message.replace(/\\(.)/g, '$1') : ''}`.trim()
  }
  // The first line only: what follows is usually a stack or a dump.
  words = (words.split('\n')[0] ?? '').trim()
  if (/^\s*at\s|node:internal|\.m?js:\d+/.test(words)) return ''
  return words.length > max ? '' : words
}
