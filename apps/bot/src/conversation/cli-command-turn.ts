/**
 * A prompt that is one of the session's Claude Code commands (`/review-pr 12`, as the bot passes
 * `/review_pr 12` on) goes to the pool marked as such: the process that runs it checks it still has the
 * command (the list the bot knew may be from before a restart, and its file since deleted), because
 * Claude Code 2.1.330 would otherwise give an unknown `/name` to the model as plain text.
 */

import type { SessionManager } from '@switchboard/core'
import type { Prompt, SendOptions, SessionRef } from '@switchboard/process'
import { cliCommandMemory } from '../commands/cli-command-memory.js'
import type { Logger } from '../logging/logger.js'

export async function cliCommandOptions(
  deps: { sessions: Pick<SessionManager, 'sessionDirectory'>; logger: Logger },
  ref: SessionRef,
  prompt: Prompt,
): Promise<SendOptions> {
  if (typeof prompt !== 'string' || !prompt.startsWith('/')) return {}
  const name = prompt.slice(1).split(/\s/, 1)[0] ?? ''
  const dir = deps.sessions.sessionDirectory(ref.owner, ref.id)
  const known = await cliCommandMemory.recall(dir, deps.logger)
  return known?.some((command) => command.name === name) ? { cliCommand: name } : {}
}
