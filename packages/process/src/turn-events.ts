import type { PermissionDecider, PermissionDecision, PermissionRequest } from './permissions.js'

/** Token counts of one turn, from the CLI's `result.usage`. */
export interface TurnUsage {
  inputTokens: number
  outputTokens: number
  cacheReadInputTokens: number
  cacheCreationInputTokens: number
}

/** The CLI's report of a finished turn (also for interrupted or failed ones: see `subtype`/`isError`). */
export interface TurnResult {
  /** `success`, `error_during_execution` (interrupt), `error_max_turns`, `error_max_budget_usd`, … */
  subtype: string
  /** True for every error subtype, and for API failures the CLI reports as `success`. */
  isError: boolean
  /** The final answer (success only). */
  text: string | undefined
  errors: string[]
  claudeSessionId: string
  /** The CLI's `total_cost_usd`: cumulative over the whole conversation, even across `--resume`. */
  costUsd: number | undefined
  /** Cost of this turn alone (sum over `model_usage_since_last_result`), when the CLI reports it. */
  turnCostUsd: number | undefined
  usage: TurnUsage
  numTurns: number | undefined
  durationMs: number | undefined
  /** HTTP status of the API error that ended the turn (401, 403, 529…), when the CLI reports one. */
  apiErrorStatus?: number | undefined
}

/** `parentToolUseId` is set for output of a sub-agent (Task tool), null for the main conversation. */
interface FromConversation {
  parentToolUseId: string | null
}

/** Everything a turn reports, in order. Discriminated on `type`. */
export type TurnEvent =
  /** A chunk of assistant text as it streams (needs `--include-partial-messages`). */
  | ({ type: 'text_delta'; text: string } & FromConversation)
  /** A complete assistant text block. */
  | ({ type: 'text'; text: string } & FromConversation)
  | ({ type: 'thinking'; thinking: string } & FromConversation)
  /** The model started a tool call. */
  | ({
      type: 'tool_use'
      id: string
      name: string
      input: Record<string, unknown>
    } & FromConversation)
  /** A tool call finished (or was denied: `isError`). */
  | ({
      type: 'tool_result'
      toolUseId: string
      isError: boolean
      content: string
      /**
       * The CLI's structured report of the result (the user line's `tool_use_result`), shape per tool:
       * Bash `{stdout, stderr, interrupted}`, Edit `{structuredPatch, …}`, Read `{file: {numLines}}`, or
       * an error string. Undefined when absent or shared by several results on one line.
       */
      toolUseResult?: unknown
    } & FromConversation)
  /** The CLI asks whether a tool may run; the handler is being consulted. */
  | { type: 'permission_request'; request: PermissionRequest }
  /** What was answered, and who decided. */
  | {
      type: 'permission_decision'
      request: PermissionRequest
      decision: PermissionDecision
      decidedBy: PermissionDecider
    }
  /**
   * The CLI changed its permission mode (`system/status` with `permissionMode`: e.g. `default` or
   * `acceptEdits` once a plan is approved). The mode a turn starts in is `ClaudeProcess.init`'s.
   */
  | { type: 'permission_mode'; mode: string }
  /** A system notice such as `requesting` (null when it clears). */
  | { type: 'status'; status: string | null }
  /** The CLI retries a failed API call. */
  | {
      type: 'api_retry'
      attempt: number | undefined
      maxRetries: number | undefined
      retryDelayMs: number | undefined
      errorStatus: number | null | undefined
      error: unknown
    }
  /**
   * The watchdog: the CLI sent nothing (no output, no control traffic) for `silentForMs` while this turn
   * ran and no permission request waited for an answer. It may be frozen, or a long silent command runs.
   */
  | { type: 'stalled'; silentForMs: number }
  /** Output came again after `stalled`; `silentForMs` is how long the silence lasted. */
  | { type: 'active'; silentForMs: number }
  /** The turn's end. Always the last event of a turn that completed. */
  | ({ type: 'result' } & TurnResult)
  /** A line (or content block) this version does not model, passed through untouched. */
  | { type: 'unknown'; raw: unknown; reason: string }
