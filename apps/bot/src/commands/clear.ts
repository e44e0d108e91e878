import { startFreshConversation } from '../errors/fresh-conversation.js'
import { escapeHtml } from '../render/html-escape.js'
import { openAtDeskText } from '../sessions/desk-open.js'
import { activeOrExplain } from './active.js'
import type { Command } from './command.js'

/**
 * Claude Code's /clear from the phone: the session's next message starts a fresh Claude Code conversation
 * (the same as the lost-conversation button). Directory, files, persona and settings stay; the old
 * conversation stays in Claude Code's store, resumable.
 */
export const clearCommand: Command = {
  name: 'clear',
  description: 'Start a fresh Claude Code conversation in the active session',
  usage: '/clear',
  async run(c) {
    const active = await activeOrExplain(c)
    if (!active) return
    const atDesk = await openAtDeskText(c.deps.sessions, active, '/clear')
    if (atDesk) {
      c.reply(atDesk)
      return
    }
    const name = escapeHtml(active.name)
    if (!(await startFreshConversation(c.deps, c.owner, active))) {
      c.reply(`<b>${name}</b> is answering a message: /stop it first, then /clear.`)
      return
    }
    const old = active.claudeSessionId
      ? ` The previous conversation is kept and can be resumed (<code>${escapeHtml(active.claudeSessionId)}</code>).`
      : ''
    c.reply(
      `Session <b>${name}</b> starts a fresh conversation with your next message. Its files, persona and settings are kept.${old}`,
    )
  },
}
