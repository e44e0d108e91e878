import { escapeHtml } from '../render/html-escape.js'
import { activeOrExplain } from './active.js'
import type { Command } from './command.js'

export const renameCommand: Command = {
  name: 'rename',
  description: 'Rename the active session',
  usage: '/rename <new name>',
  example: '/rename homelab-2',
  async run(c) {
    const [newName] = c.args
    if (!newName || c.args.length > 1) return c.usage('Give one new name (no spaces).')
    const active = await activeOrExplain(c)
    if (!active) return
    const renamed = await c.deps.sessions.rename(c.owner, active.name, newName)
    c.reply(`Renamed <b>${escapeHtml(active.name)}</b> to <b>${escapeHtml(renamed.name)}</b>.`)
    // Its topic follows (a no-op without one); failures are logged there, the rename stands.
    await c.deps.topics.renamed(renamed)
  },
}
