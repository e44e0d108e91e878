import { PermissionModeSchema } from '@switchboard/core'
import { BYPASS_MODE_REFUSED } from '../errors/refusals.js'
import { escapeHtml } from '../render/html-escape.js'
import { refOf } from '../sessions/session-ref.js'
import { activeOrExplain } from './active.js'
import { AUTO_BASH, setAutoBash } from './auto-bash.js'
import type { Command } from './command.js'
import { currentPermissionMode } from './current-mode.js'
import { applyLive } from './settings-apply.js'

const MODES = PermissionModeSchema.options

export const modeCommand: Command = {
  name: 'mode',
  description: 'Set the active session’s permission mode',
  usage: '/mode <permission mode> · /mode auto-bash on|off',
  example: '/mode acceptEdits',
  async run(c) {
    const [input] = c.args
    if (input?.toLowerCase() === AUTO_BASH && c.args.length <= 2) return setAutoBash(c, c.args[1])
    const allowBypass = c.deps.config.SWITCHBOARD_ALLOW_BYPASS
    const mode = MODES.find((m) => m.toLowerCase() === input?.toLowerCase())
    const offered = allowBypass ? MODES : MODES.filter((m) => m !== 'bypassPermissions')
    const modes = `Modes: ${offered.join(', ')}. /mode auto-bash on lets sandboxed commands run without asking.`
    if (input === undefined) {
      // No argument: the mode now (as the CLI reports it), and how to change it.
      const active = await activeOrExplain(c)
      if (!active) return
      const now = escapeHtml(await currentPermissionMode(c.deps, active))
      return c.reply(
        `Session <b>${escapeHtml(active.name)}</b> runs in <b>${now}</b> mode.\n${modes} Example: /mode acceptEdits`,
      )
    }
    if (!mode || c.args.length > 1) return c.usage(modes)
    // Core refuses it too (updatePersonaSettings); this answers before touching the session.
    if (mode === 'bypassPermissions' && !allowBypass) return c.reply(BYPASS_MODE_REFUSED)
    const active = await activeOrExplain(c)
    if (!active) return
    await c.deps.sessions.updatePersonaSettings(c.owner, active.name, { permissionMode: mode })
    const when = await applyLive(c.deps, active, () =>
      c.deps.pool.setPermissionMode(refOf(active), mode),
    )
    const warning =
      mode === 'bypassPermissions' ? ' Claude will no longer ask before using tools.' : ''
    c.reply(
      `Session <b>${escapeHtml(active.name)}</b> runs in <b>${mode}</b> mode${when === 'now' ? ' from now on' : ' from your next message'}.${warning}`,
    )
  },
}
