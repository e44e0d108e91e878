import { escapeHtml } from '../render/html-escape.js'
import { refOf } from '../sessions/session-ref.js'
import { activeOrExplain } from './active.js'
import type { CommandContext } from './command.js'

/** `/mode auto-bash on|off`: the first word that turns it on, as `/mode` reads it. */
export const AUTO_BASH = 'auto-bash'

/**
 * Lets sandboxed Bash commands of the active session run without a prompt (the CLI's
 * `autoAllowBashIfSandboxed`), or ask again. Saved in the session's persona; the CLI reads it from
 * its settings file at start, so the process restarts (now when idle, else after the running turn).
 */
export async function setAutoBash(c: CommandContext, value: string | undefined): Promise<void> {
  const on = value?.toLowerCase() === 'on'
  if (!on && value?.toLowerCase() !== 'off')
    return c.usage('Use /mode auto-bash on or /mode auto-bash off.')
  if (on && c.deps.sandbox.status !== 'on') {
    return c.reply(
      'Claude’s commands are not sandboxed on this machine, so each one keeps asking. Install bubblewrap and socat, and restart the bot.',
    )
  }
  const active = await activeOrExplain(c)
  if (!active) return
  await c.deps.sessions.updatePersonaSettings(c.owner, active.name, {
    autoAllowSandboxedBash: on ? true : null,
  })
  const status = c.deps.pool.status(refOf(active))
  if (status.live) await c.deps.pool.restart(refOf(active))
  const when = status.running ? 'once the running turn is over' : 'from your next message'
  const name = `<b>${escapeHtml(active.name)}</b>`
  c.reply(
    on
      ? `In ${name}, commands that stay inside the sandbox run without asking ${when}. Edits, network hosts and anything outside the sandbox still ask.`
      : `In ${name}, every command asks again ${when}.`,
  )
}
