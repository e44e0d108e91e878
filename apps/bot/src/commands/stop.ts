import { escapeHtml } from '../render/html-escape.js'
import { refOf } from '../sessions/session-ref.js'
import { activeOrExplain } from './active.js'
import type { Command } from './command.js'

export const stopCommand: Command = {
  name: 'stop',
  description: 'Interrupt the answer being written in the active session',
  usage: '/stop',
  async run(c) {
    const active = await activeOrExplain(c)
    if (!active) return
    const label = `<b>${escapeHtml(active.name)}</b>`
    const ref = refOf(active)
    if (!c.deps.pool.status(ref).running) return c.reply(`Nothing is running in ${label}.`)
    const interrupted = await c.deps.pool.interrupt(ref)
    const queued = c.deps.pool.status(ref).queueLength
    const next =
      queued > 0 ? ` ${queued} queued message${queued === 1 ? '' : 's'} will run next.` : ''
    c.reply(
      interrupted
        ? `Stopped the running turn in ${label}.${next}`
        : `Nothing is running in ${label}.`,
    )
  },
}
