import type { PersonaIssue } from '@switchboard/core'
import type { Logger } from '../logging/logger.js'

export const BYPASS_ALLOWED_WARNING =
  'SWITCHBOARD_ALLOW_BYPASS=1: personas and /mode may run Claude Code with bypassPermissions (no permission prompts)'

/** One log line per persona file the library skipped, saying how to fix it. */
export function logPersonaIssue(logger: Logger, issue: PersonaIssue): void {
  const { path, field, message: problem } = issue
  const hint =
    issue.code === 'PERSONA_BYPASS_REFUSED'
      ? 'remove permissionMode "bypassPermissions", or set SWITCHBOARD_ALLOW_BYPASS=1 to allow it'
      : undefined
  logger.warn({ path, field, problem, ...(hint ? { hint } : {}) }, 'persona skipped')
}
