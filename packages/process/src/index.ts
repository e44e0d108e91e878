// @switchboard/process: Claude Code CLI child processes driven over stream-json.

// ── Building a process: argv from a session + persona, a filtered environment ─────────────────────
export { BASE_ARGS, type BuildArgsOptions, buildArgs } from './build-args.js'
export { buildChildEnv, type ChildEnvOptions } from './child-env.js'
// ── Commonly used: one live CLI process and its turns ──────────────────────────────────────────────
export { ClaudeProcess } from './claude-process.js'
// ── Errors: every one has a stable `code` ──────────────────────────────────────────────────────────
export {
  CliNotExecutableError,
  CliNotFoundError,
  ControlFailedError,
  ControlTimeoutError,
  type ExitInfo,
  ProcessError,
  type ProcessErrorCode,
  ProcessExitedError,
  StartTimeoutError,
  TurnNotStartedError,
} from './errors.js'
export { LineReader } from './line-reader.js'
// ── Logging ────────────────────────────────────────────────────────────────────────────────────────
export { type Logger, silentLogger } from './logger.js'
export { mapLineToEvents } from './map-events.js'
// ── Permissions: the handler contract and "allow always" rules ─────────────────────────────────────
export type {
  PermissionDecider,
  PermissionDecision,
  PermissionHandler,
  PermissionRequest,
} from './permissions.js'
// ── The pool: every session's CLI process, for the bot ─────────────────────────────────────────────
export { PoolShutdownError, SessionLoadError } from './pool/errors.js'
export { ProcessPool } from './pool/process-pool.js'
export type {
  LiveStatus,
  PoolPermissionHandler,
  PoolSessionStore,
  ProcessPoolOptions,
  SessionRef,
} from './pool/types.js'
export type {
  ClaudeProcessOptions,
  ExitNotification,
  InitInfo,
  ProcessState,
} from './process-types.js'
export type { PermissionUpdate } from './protocol/control-messages.js'
export {
  CanUseToolRequestSchema,
  ControlCancelLineSchema,
  ControlRequestLineSchema,
  ControlResponseLineSchema,
  PermissionUpdateSchema,
} from './protocol/control-messages.js'
export {
  AssistantLineSchema,
  ResultLineSchema,
  StreamEventLineSchema,
  SystemApiRetrySchema,
  SystemInitSchema,
  SystemStatusSchema,
  UserLineSchema,
} from './protocol/output-lines.js'
// ── For experts: the wire protocol (zod schemas of the CLI's lines, and the line parser) ──────────
export { type ParsedLine, parseLine } from './protocol/parse-line.js'
export { SessionPermissions } from './session-permissions.js'
export type { Turn, TurnState } from './turn.js'
export type { TurnEvent, TurnResult, TurnUsage } from './turn-events.js'
