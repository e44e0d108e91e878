/**
 * A session whose Claude Code conversation file is gone (deleted, another machine, a wiped
 * ~/.claude): `--resume` fails at once with "No conversation found with session ID: …", and would
 * again with every message. The way out is a fresh conversation in the same session (its files and
 * settings stay), offered as a button (fresh-conversation.ts).
 */

import type { TurnResult } from '@switchboard/process'

/** The CLI's words (2.1.x) for a resume of a conversation it has no file for. */
const LOST_PATTERN = /No conversation found with session ID/i

/** True for the result of a `--resume` whose conversation file does not exist. */
export function isLostConversation(
  result: Pick<TurnResult, 'isError' | 'errors' | 'text'>,
): boolean {
  if (!result.isError) return false
  return [...result.errors, result.text ?? ''].some((text) => LOST_PATTERN.test(text))
}

/**
 * True for a process that exited saying so: in stream-json mode the CLI checks `--resume` while it
 * starts, writes the words to stderr and exits 1 before any result (observed with 2.1.330).
 */
export function isLostConversationExit(failure: unknown): boolean {
  const { code, stderrTail } = (failure ?? {}) as { code?: unknown; stderrTail?: unknown }
  if (code !== 'PROCESS_EXITED' || !Array.isArray(stderrTail)) return false
  return stderrTail.some((line) => typeof line === 'string' && LOST_PATTERN.test(line))
}

/** The turn ended because its conversation is lost: as a result, or as the CLI's exit. */
export function lostConversationIn(result: TurnResult | undefined, failure: unknown): boolean {
  return result ? isLostConversation(result) : isLostConversationExit(failure)
}

export const FRESH_CONVERSATION_LABEL = 'Start a fresh conversation in this session'

export const LOST_CONVERSATION_TEXT =
  "This session's Claude Code conversation can't be found on the bot's machine (its conversation file is gone), so Claude can't continue it.\nStart a fresh conversation in this session with the button below: its files and settings stay, but Claude won't remember what was said before."
