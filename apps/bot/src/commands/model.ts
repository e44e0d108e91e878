import { escapeHtml } from '../render/html-escape.js'
import { refOf } from '../sessions/session-ref.js'
import { activeOrExplain } from './active.js'
import type { Command } from './command.js'
import { applyLive } from './settings-apply.js'

const MODEL_PATTERN = /^[A-Za-z0-9._:[\]-]{1,200}$/

export const modelCommand: Command = {
  name: 'model',
  description: 'Set the active session’s model ("default" to reset)',
  usage: '/model <name>',
  example: '/model sonnet',
  async run(c) {
    const [model] = c.args
    if (!model || c.args.length > 1 || !MODEL_PATTERN.test(model)) {
      return c.usage('Give one model name or alias, e.g. sonnet, opus or claude-sonnet-4-5.')
    }
    const active = await activeOrExplain(c)
    if (!active) return
    const reset = model === 'default'
    await c.deps.sessions.updatePersonaSettings(c.owner, active.name, {
      model: reset ? null : model,
    })
    const when = reset
      ? await applyRestart(c.deps, active)
      : await applyLive(c.deps, active, () => c.deps.pool.setModel(refOf(active), model))
    const what = reset ? 'Claude Code’s default model' : `model <b>${escapeHtml(model)}</b>`
    c.reply(
      `Session <b>${escapeHtml(active.name)}</b> uses ${what}${when === 'now' ? ' from now on' : ' from your next message'}.`,
    )
  },
}

/** Dropping the flag needs a fresh process: there is no live "unset model" request. */
async function applyRestart(
  deps: Parameters<typeof applyLive>[0],
  meta: Parameters<typeof applyLive>[1],
): Promise<'next message'> {
  if (deps.pool.status(refOf(meta)).live) await deps.pool.restart(refOf(meta))
  return 'next message'
}
