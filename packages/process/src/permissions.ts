import { z } from 'zod'
import type { Logger } from './logger.js'
import { narrowAlwaysRule } from './permission-rules/narrow-always-rule.js'
import type { CanUseToolRequest, PermissionUpdate } from './protocol/control-messages.js'

/** What the CLI asks: may `toolName` run with `input`? */
export interface PermissionRequest {
  /** The CLI's control request id (unique per process). */
  requestId: string
  /** Id of the turn that caused it (undefined if none was running). */
  turnId: string | undefined
  toolName: string
  displayName: string | undefined
  input: Record<string, unknown>
  description: string | undefined
  toolUseId: string | undefined
  /** Path outside the allowed directories the tool would touch, when that is why it asks. */
  blockedPath: string | undefined
  /** Rule updates the CLI offers for "allow always" (`addRules`, `addDirectories`, `setMode`). */
  suggestions: PermissionUpdate[]
  /**
   * The one rule (CLI syntax: `Bash(npm test *)`, `Bash(<exact command>)`, `Read(//<absolute path>)`,
   * `Edit(//<absolute path>)`) an "always" answer would remember, never wider than what the request shows
   * (see `narrowAlwaysRule`); undefined when no such rule exists, so "always" must not be offered.
   */
  alwaysRule: string | undefined
}

/**
 * The answer. `updatedInput` replaces the tool's input (e.g. `AskUserQuestion` answers:
 * `{ questions, answers: { [question]: label } }`); `always` also allows the request's `alwaysRule` for
 * the rest of the session (without one, `always` is a one-time allow). `mode` also switches the CLI's
 * permission mode for the session (e.g. `acceptEdits` when a plan is approved); never bypassPermissions.
 */
export type PermissionDecision =
  | {
      behavior: 'allow'
      updatedInput?: Record<string, unknown>
      always?: boolean
      mode?: DecisionMode
    }
  | { behavior: 'deny'; message: string }

/** The modes an answer may switch to: a button press never turns every prompt off. */
export const DecisionModeSchema = z.enum(['default', 'acceptEdits', 'plan'])
export type DecisionMode = z.infer<typeof DecisionModeSchema>

/** Who produced a decision. */
export type PermissionDecider =
  | 'handler'
  | 'session_rule'
  | 'timeout'
  | 'no_handler'
  | 'handler_error'
  | 'cancelled'

/** Asked for every permission request no session rule covers; `signal` aborts on timeout or cancel. */
export type PermissionHandler = (
  request: PermissionRequest,
  signal: AbortSignal,
) => Promise<PermissionDecision>

// The handler's answer is callback data from outside the package: checked before it reaches the CLI.
const DecisionSchema = z.discriminatedUnion('behavior', [
  z.object({
    behavior: z.literal('allow'),
    updatedInput: z.record(z.string(), z.unknown()).optional(),
    always: z.boolean().optional(),
    mode: DecisionModeSchema.optional(),
  }),
  z.object({ behavior: z.literal('deny'), message: z.string().min(1) }),
])

/** The driver's view of a `can_use_tool` request; `workingDirectory` is the CLI's cwd. */
export function toPermissionRequest(
  requestId: string,
  turnId: string | undefined,
  req: CanUseToolRequest,
  workingDirectory: string,
): PermissionRequest {
  const suggestions = (req.permission_suggestions ?? []) as PermissionUpdate[]
  const subject = { toolName: req.tool_name, input: req.input, suggestions }
  return {
    requestId,
    turnId,
    toolName: req.tool_name,
    displayName: req.display_name,
    input: req.input,
    description: req.description,
    toolUseId: req.tool_use_id,
    blockedPath: req.blocked_path,
    suggestions,
    alwaysRule: narrowAlwaysRule(subject, { workingDirectory }),
  }
}

export interface DecideOptions {
  handler: PermissionHandler | undefined
  /** A remembered session rule already allows this request. */
  covered: boolean
  timeoutMs: number
  /** Aborted when the request becomes moot (the CLI cancelled it, the turn ended, the process exited). */
  cancel: AbortSignal
  logger: Logger
}

/**
 * Decides one request: a session rule, else the handler, bounded by a timeout. Never throws: a missing
 * handler, a throwing or invalid handler, a timeout and a cancel all become a deny with a clear message.
 */
export async function decidePermission(
  request: PermissionRequest,
  options: DecideOptions,
): Promise<{ decision: PermissionDecision; decidedBy: PermissionDecider }> {
  if (options.covered) return { decision: { behavior: 'allow' }, decidedBy: 'session_rule' }
  if (!options.handler) {
    return deny(
      `No permission handler is configured, so ${request.toolName} was denied.`,
      'no_handler',
    )
  }
  const controller = new AbortController()
  let timer: NodeJS.Timeout | undefined
  const timedOut = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), options.timeoutMs)
  })
  const cancelled = new Promise<'cancelled'>((resolve) => {
    if (options.cancel.aborted) resolve('cancelled')
    options.cancel.addEventListener('abort', () => resolve('cancelled'), { once: true })
  })
  const answered = Promise.resolve()
    .then(() => options.handler?.(request, controller.signal))
    .then(
      (value) => ({ value }),
      (error: unknown) => ({ error }),
    )
  try {
    const outcome = await Promise.race([answered, timedOut, cancelled])
    if (outcome === 'timeout') {
      controller.abort(new Error('permission request timed out'))
      const seconds = Math.round(options.timeoutMs / 1000)
      return deny(
        `The permission request for ${request.toolName} timed out after ${seconds} s with no answer, so it was denied.`,
        'timeout',
      )
    }
    if (outcome === 'cancelled') {
      controller.abort(new Error('permission request cancelled'))
      return deny(`The permission request for ${request.toolName} was cancelled.`, 'cancelled')
    }
    if ('error' in outcome) {
      options.logger.error(
        { err: outcome.error, toolName: request.toolName },
        'permission handler threw',
      )
      return deny(
        `The permission handler failed (${errorMessage(outcome.error)}), so ${request.toolName} was denied.`,
        'handler_error',
      )
    }
    const parsed = DecisionSchema.safeParse(outcome.value)
    if (!parsed.success) {
      options.logger.error(
        { issues: parsed.error.issues.map((issue) => issue.message), toolName: request.toolName },
        'permission handler returned an invalid decision',
      )
      return deny(
        `The permission handler gave an invalid answer, so ${request.toolName} was denied.`,
        'handler_error',
      )
    }
    return { decision: parsed.data, decidedBy: 'handler' }
  } finally {
    clearTimeout(timer)
  }
}

/**
 * The `control_response` payload for a decision. Follows the Agent SDK: an allow always carries
 * `updatedInput` (the original input when unchanged) and, for "always" or a mode switch,
 * `updatedPermissions` (`setMode` with destination `session`: verified with CLI 2.1.330, which then
 * reports the new mode in `system/status`); a deny carries the message the model will read.
 */
export function permissionResponse(
  request: PermissionRequest,
  decision: PermissionDecision,
  rules: PermissionUpdate[] | undefined,
): Record<string, unknown> {
  if (decision.behavior === 'deny') return { behavior: 'deny', message: decision.message }
  const setMode: PermissionUpdate[] = decision.mode
    ? [{ type: 'setMode', mode: decision.mode, destination: 'session' }]
    : []
  const updatedPermissions = [...(rules ?? []), ...setMode]
  return {
    behavior: 'allow',
    updatedInput: decision.updatedInput ?? request.input,
    ...(updatedPermissions.length > 0 ? { updatedPermissions } : {}),
  }
}

function deny(message: string, decidedBy: PermissionDecider) {
  return { decision: { behavior: 'deny', message } as PermissionDecision, decidedBy }
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
