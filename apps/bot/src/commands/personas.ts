import { escapeHtml } from '../render/html-escape.js'
import { sessionOfPlace } from '../sessions/active-session.js'
import type { Command } from './command.js'

export const personasCommand: Command = {
  name: 'personas',
  description: 'The personas a session can use',
  usage: '/personas',
  async run(c) {
    const [personas, found] = await Promise.all([
      c.deps.personas.list(),
      sessionOfPlace(c.deps, c.owner, c.place),
    ])
    if (personas.length === 0) return c.reply('No personas are installed.')
    const persona = found.kind === 'unbound' ? undefined : found.meta?.persona
    const marker = found.kind === 'topic' ? ' (this topic’s session)' : ' (active session)'
    const lines = personas.map((p) => {
      const current = p.name === persona ? marker : ''
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
