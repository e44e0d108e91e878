/** Whether Claude's Bash commands run in Claude Code's sandbox, decided once at start-up. */
export type SandboxState =
  | { status: 'on' }
  /** SWITCHBOARD_SANDBOX=off. */
  | { status: 'off' }
  /** SWITCHBOARD_SANDBOX=auto on a machine where it does not work; `reason` is for the log. */
  | { status: 'unavailable'; reason: string }

/** Told once to each owner, and in /status, when the sandbox is unavailable. */
export const SANDBOX_MISSING_NOTICE =
  "Claude's commands are not sandboxed on this machine: install bubblewrap and socat"

/** The /status line; `autoAllow` is the session persona's `autoAllowSandboxedBash`. */
export function describeSandbox(state: SandboxState, autoAllow?: boolean): string {
  if (state.status === 'on' && autoAllow) return 'on; sandboxed commands run without asking'
  if (state.status === 'on') return 'on (Bash runs in Claude Code’s sandbox)'
  if (state.status === 'off') return 'off (SWITCHBOARD_SANDBOX=off)'
  return `not available. ${SANDBOX_MISSING_NOTICE}.`
}
