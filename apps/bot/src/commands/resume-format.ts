/**
 * The conversations Claude Code recorded for a session's working directory, as the bot shows them
 * (/resume's list, /new's offer) and the buttons that continue one.
 */

import {
  type ClaudeConversation,
  listClaudeConversations,
  resolveClaudeConfigDir,
  type SessionMetadata,
} from '@switchboard/core'
import type { CallbackAction } from '../callbacks/callback-actions.js'
import type { InlineButton } from '../conversation/telegram-calls.js'
import type { BotDeps } from '../deps.js'
import { escapeHtml } from '../render/html-escape.js'
import { truncateEnd } from '../render/truncate.js'
import { relativeTime } from './format/relative-time.js'

/** Conversations a /resume page lists (newest first); older ones are on the next pages. */
export const CONVERSATIONS_SHOWN = 10
/** The list may be read a while later; a button outliving its list is refused as expired. */
export const RESUME_BUTTON_TTL_MS = 24 * 3_600_000
const OPENING_WORDS = 60
const BUTTON_WORDS = 32

/** Where the bot's Claude Code keeps its transcripts: the bot's CLAUDE_CONFIG_DIR (the CLI inherits it). */
export function claudeStore(): string {
  return resolveClaudeConfigDir(process.env)
}

/** The session's recorded conversations, newest first. */
export function conversationsOf(
  meta: Pick<SessionMetadata, 'workingDirectory'>,
  limit = CONVERSATIONS_SHOWN,
): Promise<ClaudeConversation[]> {
  return listClaudeConversations(claudeStore(), meta.workingDirectory, { limit })
}

/** The first prompt's opening words, cut at a word when long. */
export function openingWords(prompt: string, max = OPENING_WORDS): string {
  if (prompt.length <= max) return prompt
  const cut = truncateEnd(prompt, max, '')
  const space = cut.lastIndexOf(' ')
  return `${space > max / 2 ? cut.slice(0, space) : cut}…`
}

export function messagesText(c: ClaudeConversation): string {
  const count = `${c.messageCount}${c.countIsPartial ? '+' : ''}`
  return `${count} message${c.messageCount === 1 && !c.countIsPartial ? '' : 's'}`
}

/** "5 min ago — “fix the flaky test…” — 12 messages", HTML. */
export function conversationLine(c: ClaudeConversation, now = Date.now()): string {
  const when = relativeTime(c.updatedAt.toISOString(), now)
  return `${when} — “${escapeHtml(openingWords(c.firstPrompt))}” — ${messagesText(c)}`
}

/** A button's label: "5 min ago · fix the flaky…" (plain text). */
export function conversationButtonText(c: ClaudeConversation, now = Date.now()): string {
  return `${relativeTime(c.updatedAt.toISOString(), now)} · ${openingWords(c.firstPrompt, BUTTON_WORDS)}`
}

/** One "continue this conversation" button per conversation, each row labelled by `label`. */
export function resumeButtons(
  deps: Pick<BotDeps, 'callbacks'>,
  userId: number,
  meta: Pick<SessionMetadata, 'id'>,
  conversations: readonly ClaudeConversation[],
  label: (c: ClaudeConversation) => string = (c) => conversationButtonText(c),
): InlineButton[][] {
  if (conversations.length === 0) return []
  const actions: CallbackAction[] = conversations.map((c) => ({
    type: 'resume_conversation',
    sessionId: meta.id,
    conversationId: c.id,
  }))
  const { data } = deps.callbacks.create(userId, actions, RESUME_BUTTON_TTL_MS)
  return conversations.map((c, index) => [{ text: label(c), callback_data: data[index] ?? '' }])
}
