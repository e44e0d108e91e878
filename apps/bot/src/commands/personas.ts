import { escapeHtml } from '../render/html-escape.js'
import type { Command } from './command.js'

export const personasCommand: Command = {
  name: 'personas',
  description: 'The personas a session can use',
  usage: '/personas',
  async run(c) {
    const [personas, active] = await Promise.all([
      c.deps.personas.list(),
      c.deps.sessions.active(c.owner),
    ])
    if (personas.length === 0) return c.reply('No personas are installed.')
    const lines = personas.map((p) => {
      const current = p.name === active?.persona ? ' (active session)' : ''
      return `• <b>${escapeHtml(p.name)}</b>${current} — ${escapeHtml(p.description)}`
    })
    c.reply(
      [
        '<b>Personas</b>',
        ...lines,
        '',
        'Use one with /new &lt;name&gt; &lt;persona&gt; or /persona &lt;persona&gt;.',
      ].join('\n'),
    )
  },
}
