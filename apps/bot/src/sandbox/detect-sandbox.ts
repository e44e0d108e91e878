import { checkSandbox, type SandboxCheck } from '@switchboard/process'
import type { BotConfig } from '../config/env.js'
import type { Logger } from '../logging/logger.js'
import { SANDBOX_MISSING_NOTICE, type SandboxState } from './sandbox-state.js'

export type SandboxDecision = { ok: true; state: SandboxState } | { ok: false; message: string }

/**
 * Applies SWITCHBOARD_SANDBOX at start-up: `off` skips the check; otherwise one sandboxed command is
 * run with the bot's PATH. Unavailable: `required` refuses to start, `auto` goes on with a warning.
 */
export async function decideSandbox(
  mode: BotConfig['SWITCHBOARD_SANDBOX'],
  env: NodeJS.ProcessEnv,
  logger: Logger,
  check: (env: NodeJS.ProcessEnv) => Promise<SandboxCheck> = (e) => checkSandbox({ env: e }),
): Promise<SandboxDecision> {
  if (mode === 'off') {
    logger.warn('SWITCHBOARD_SANDBOX=off: Claude’s Bash commands run unsandboxed')
    return { ok: true, state: { status: 'off' } }
  }
  const result = await check(env)
  if (result.available) {
    logger.info({ backend: result.backend }, 'Claude Code’s sandbox works here: Bash runs in it')
    return { ok: true, state: { status: 'on' } }
  }
  const reason = `${result.reason}: ${result.detail}`
  if (mode === 'required') {
    return {
      ok: false,
      message: `SWITCHBOARD_SANDBOX=required, but Claude Code's sandbox does not work here (${reason}): install bubblewrap and socat`,
    }
  }
  logger.warn({ reason: result.reason, detail: result.detail }, SANDBOX_MISSING_NOTICE)
  return { ok: true, state: { status: 'unavailable', reason } }
}
