import { sessionOfPlace } from '../sessions/active-session.js'
import type { Command } from './command.js'
import { resumePageView } from './resume-page.js'

/**
 * `/resume`: the Claude Code conversations recorded for the session's working directory — by this
 * bot or by `claude` in a terminal — newest first, with a button each to continue one here, a page
 * at a time (resume-page.ts).
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
    const view = await resumePageView(c.deps, c.userId, meta, 1)
    c.reply(
      view.html,
      view.inlineKeyboard.length > 0
        ? { reply_markup: { inline_keyboard: view.inlineKeyboard } }
        : {},
    )
  },
}
