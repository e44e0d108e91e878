/**
 * One page of /resume's list: the text, a button per conversation to continue it, and "‹ Newer" /
 * "Older ›" to page through the rest (all of a page's buttons in one callback group, so pressing
 * one retires the others).
 */

import { pageClaudeConversations, type SessionMetadata } from '@switchboard/core'
import type { CallbackAction } from '../callbacks/callback-actions.js'
import type { InlineButton } from '../conversation/telegram-calls.js'
import type { BotDeps } from '../deps.js'
import { escapeHtml } from '../render/html-escape.js'
import { quoteHtml } from '../render/truncate.js'
import {
  CONVERSATIONS_SHOWN,
  claudeStore,
  conversationButtonText,
  conversationLine,
  RESUME_BUTTON_TTL_MS,
} from './resume-format.js'

export const NEWER_TEXT = '‹ Newer'
export const OLDER_TEXT = 'Older ›'

export interface ResumePageView {
  html: string
  inlineKeyboard: InlineButton[][]
}

/** Page `page` (1-based, clamped) of the session's conversations, as /resume shows it. */
export async function resumePageView(
  deps: Pick<BotDeps, 'callbacks'>,
  userId: number,
  meta: Pick<SessionMetadata, 'id' | 'name' | 'workingDirectory' | 'claudeSessionId'>,
  page: number,
): Promise<ResumePageView> {
  const where = `<code>${quoteHtml(meta.workingDirectory, 1_000)}</code>`
  const found = await pageClaudeConversations(claudeStore(), meta.workingDirectory, {
    page,
    pageSize: CONVERSATIONS_SHOWN,
  })
  if (found.conversations.length === 0) {
    return {
      html: `Claude Code has no conversations recorded in ${where} yet. Run <code>claude</code> there, or just write here to start one.`,
      inlineKeyboard: [],
    }
  }
  const lines = found.conversations.map((conv) =>
    conv.id === meta.claudeSessionId
      ? `▶️ ${conversationLine(conv)} (current)`
      : `• ${conversationLine(conv)}`,
  )
  const others = found.conversations.filter((conv) => conv.id !== meta.claudeSessionId)
  const name = escapeHtml(meta.name)
  const of = found.pageCount > 1 ? ` (page ${found.page} of ${found.pageCount})` : ''
  const header = `<b>Claude Code conversations</b> in ${where}, newest first${of}:`
  const footer =
    others.length > 0
      ? `Tap one to continue it in session <b>${name}</b>.`
      : `Session <b>${name}</b> is on it already.`
  const nav: { text: string; page: number }[] = [
    ...(found.page > 1 ? [{ text: NEWER_TEXT, page: found.page - 1 }] : []),
    ...(found.page < found.pageCount ? [{ text: OLDER_TEXT, page: found.page + 1 }] : []),
  ]
  const actions: CallbackAction[] = [
    ...others.map((c) => ({
      type: 'resume_conversation' as const,
      sessionId: meta.id,
      conversationId: c.id,
    })),
    ...nav.map((n) => ({ type: 'resume_page' as const, sessionId: meta.id, page: n.page })),
  ]
  const { data } = deps.callbacks.create(userId, actions, RESUME_BUTTON_TTL_MS)
  const rows: InlineButton[][] = others.map((c, i) => [
    { text: conversationButtonText(c), callback_data: data[i] ?? '' },
  ])
  if (nav.length > 0) {
    rows.push(nav.map((n, i) => ({ text: n.text, callback_data: data[others.length + i] ?? '' })))
  }
  return { html: [header, ...lines, '', footer].join('\n'), inlineKeyboard: rows }
}
