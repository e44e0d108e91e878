import type { PermissionRequest, SessionRef } from '@switchboard/process'
import type { AuditDecider, AuditLog } from './audit-log.js'
import type { PromptTarget } from './prompt-target.js'

/** Appends one decision on `request` of the session behind `target` to its audit log. */
export function auditPrompt(
  audit: AuditLog,
  ref: SessionRef,
  target: PromptTarget,
  request: PermissionRequest,
  decision: { userId: number | null; answer: unknown; decidedBy: AuditDecider; rule?: string },
): Promise<void> {
  return audit.append(ref.owner, {
    sessionId: target.sessionId,
    sessionName: target.sessionName,
    tool: request.toolName,
    input: request.input,
    ...decision,
  })
}
