import { escapeHtml } from '../render/html-escape.js'
import { refOf } from '../sessions/session-ref.js'
import { activeOrExplain } from './active.js'
import type { Command } from './command.js'

export const suspendCommand: Command = {
  name: 'suspend',
  description: 'Stop a session’s Claude Code process (it resumes on the next message)',
  usage: '/suspend [name]',
  example: '/suspend homelab',
  async run(c) {
    if (c.args.length > 1) return c.usage('Name at most one session (default: the active one).')
    const [name] = c.args
    const meta = name ? await c.deps.sessions.get(c.owner, name) : await activeOrExplain(c)
    if (!meta) return
    const label = `<b>${escapeHtml(meta.name)}</b>`
    const status = c.deps.pool.status(refOf(meta))
    if (meta.status !== 'active' && !status.live) {
      return c.reply(`Session ${label} is not running (${meta.status}); nothing to suspend.`)
    }
    await c.deps.pool.suspend(refOf(meta))
    c.reply(
      `Suspended ${label}: its process is stopped. Your next message there resumes the conversation.`,
    )
  },
}
