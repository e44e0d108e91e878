import { escapeHtml } from '../render/html-escape.js'
import { quoteHtml } from '../render/truncate.js'
import { sessionOfPlace } from '../sessions/active-session.js'
import type { Command } from './command.js'
import {
  CONVERSATIONS_SHOWN,
  conversationLine,
  conversationsOf,
  resumeButtons,
} from './resume-format.js'

/**
 * `/resume`: the Claude Code conversations recorded for the session's working directory — by this
 * bot or by `claude` in a terminal — newest first, with a button each to continue one here.
 */
export const resumeCommand: Command = {
  name: 'resume',
  description: 'Continue a Claude Code conversation of this directory',
  usage: '/resume',
  async run(c) {
    const found = await sessionOfPlace(c.deps, c.owner, c.place)
    const meta = found.kind === 'unbound' ? null : found.meta
    if (!meta) {
      const why =
        found.kind === 'unbound' ? 'This topic has no session.' : 'You have no active session.'
      return c.reply(
        `${why} Create one in a project with /new &lt;name&gt; &lt;directory&gt;, then /resume.`,
      )
    }
    const where = `<code>${quoteHtml(meta.workingDirectory, 1_000)}</code>`
    const conversations = await conversationsOf(meta, CONVERSATIONS_SHOWN + 1)
    if (conversations.length === 0) {
      return c.reply(
        `Claude Code has no conversations recorded in ${where} yet. Run <code>claude</code> there, or just write here to start one.`,
      )
    }
    const shown = conversations.slice(0, CONVERSATIONS_SHOWN)
    const lines = shown.map((conv) =>
      conv.id === meta.claudeSessionId
        ? `▶️ ${conversationLine(conv)} (current)`
        : `• ${conversationLine(conv)}`,
    )
    if (conversations.length > shown.length) lines.push('…and older ones.')
    const others = shown.filter((conv) => conv.id !== meta.claudeSessionId)
    const name = escapeHtml(meta.name)
    const header = `<b>Claude Code conversations</b> in ${where}, newest first:`
    const footer =
      others.length > 0
        ? `Tap one to continue it in session <b>${name}</b>.`
        : `Session <b>${name}</b> is on it already.`
    const rows = resumeButtons(c.deps, c.userId, meta, others)
    c.reply(
      [header, ...lines, '', footer].join('\n'),
      rows.length > 0 ? { reply_markup: { inline_keyboard: rows } } : {},
    )
  },
}
