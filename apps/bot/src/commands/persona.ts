import { escapeHtml } from '../render/html-escape.js'
import { refOf } from '../sessions/session-ref.js'
import { activeOrExplain } from './active.js'
import type { Command } from './command.js'

export const personaCommand: Command = {
  name: 'persona',
  description: 'Re-base the active session on another persona',
  usage: '/persona <name>',
  example: '/persona research',
  async run(c) {
    const [name] = c.args
    if (!name || c.args.length > 1) {
      const names = (await c.deps.personas.list()).map((p) => escapeHtml(p.name)).join(', ')
      return c.usage(`Name one persona. Available: ${names || 'none'}.`)
    }
    const active = await activeOrExplain(c)
    if (!active) return
    const updated = await c.deps.sessions.setPersona(c.owner, active.name, name)
    // The CLI takes persona settings as flags at start: a fresh process picks them up.
    await c.deps.pool.restart(refOf(updated))
    c.reply(
      `Session <b>${escapeHtml(updated.name)}</b> now uses persona <b>${escapeHtml(updated.persona)}</b>. It applies from your next message; the conversation continues.`,
    )
  },
}
