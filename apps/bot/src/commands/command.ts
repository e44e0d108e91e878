import type { Context } from 'telegraf'
import type { BotDeps } from '../deps.js'
import type { ChatPlace } from '../telegram/chat-place.js'

/** What a command handler gets: the parsed arguments and a way to answer. */
export interface CommandContext {
  deps: BotDeps
  ctx: Context
  userId: number
  chatId: number
  /** The topic the command was sent in (private chats with topics); replies go there. */
  threadId?: number
  /** chatId and threadId together. */
  place: ChatPlace
  /** Core's owner id of the user (String(userId)). */
  owner: string
  /** Whitespace-separated arguments after the command. */
  args: string[]
  /** The raw text after the command (trimmed), for arguments that may contain spaces. */
  argText: string
  /** Queues an HTML reply through the outbox; never blocks the handler (polling must go on). */
  reply(html: string, extra?: Record<string, unknown>): void
  /** Replies with the command's usage line and example. */
  usage(problem?: string): void
  /** Every command, for /help. */
  commands: readonly Command[]
}

export interface Command {
  /** Without the slash: [a-z0-9_]{1,32}, as Telegram requires. */
  name: string
  /** Short description for Telegram's command menu and /help. */
  description: string
  /** e.g. "/new <name> [persona] [directory]". */
  usage: string
  /** e.g. "/new homelab research". */
  example?: string
  run(command: CommandContext): Promise<void>
}
