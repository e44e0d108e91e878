import type { PersonaLibrary, SessionManager } from '@switchboard/core'
import type { ProcessPool } from '@switchboard/process'
import type { CallbackAction } from './callbacks/callback-actions.js'
import type { CallbackStore } from './callbacks/callback-store.js'
import type { BotConfig } from './config/env.js'
import type { Logger } from './logging/logger.js'
import type { SandboxState } from './sandbox/sandbox-state.js'
import type { ClaudeCliState } from './startup/cli-check.js'
import type { Outbox } from './telegram/outbox.js'
import type { SessionTopicsApi } from './topics/session-topics-api.js'

/** Everything the bot's features share; built once in main.ts (tests build their own). */
export interface BotDeps {
  config: BotConfig
  logger: Logger
  sessions: SessionManager
  personas: PersonaLibrary
  pool: ProcessPool
  /** Every outgoing Telegram call goes through it (rate limits, retries, per-chat order). */
  outbox: Outbox
  callbacks: CallbackStore<CallbackAction>
  /** Whether Claude's Bash commands run sandboxed (decided at start-up, SWITCHBOARD_SANDBOX). */
  sandbox: SandboxState
  /** Sessions as topics of the owner's private chat (when the bot has Threaded Mode). */
  topics: SessionTopicsApi
  /** The start-up check of Claude Code (startup/cli-check.ts), for /status. */
  claudeCli?: ClaudeCliState
  /** Claude Code's directory as the bot's CLI sees it (its conversation store); default ~/.claude. */
  claudeConfigDir?: string
}

/** Sessions are owned by Telegram users; core's owner id is the user id as a string. */
export function ownerOf(userId: number): string {
  return String(userId)
}
