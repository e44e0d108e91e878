// Public API of @switchboard/process: Claude Code CLI child processes driven over stream-json.
// biome-ignore-all assist/source/organizeImports: exports are grouped by topic for readers, not sorted.

// ── Commonly used: the pool (every session's CLI process, for the bot) ────────────────────────────
export { ProcessPool } from './pool/process-pool.js'
export type {
  LiveStatus,
  PoolPermissionHandler,
  PoolSandboxOptions,
  PoolSessionStore,
  ProcessPoolOptions,
  SendOptions,
  SessionRef,
} from './pool/types.js'
export { STALL_RECLAIM_FACTOR } from './pool/stall-tracker.js'

// ── Frozen processes: the watchdog, a stop that always ends the turn, the parent-death reaper ──────
export { DEFAULT_STALL_TIMEOUT_MS, StallWatchdog, type StallReport } from './watchdog.js'
export {
  DEFAULT_INTERRUPT_GRACE_MS,
  type Stoppable,
  type StopOutcome,
  stopTurn,
} from './stop-escalation.js'
export { Reaper } from './reaper/reaper.js'

// ── Sandbox: check Claude Code's sandbox works here; what every session is kept out of ─────────────
export {
  type CheckSandboxOptions,
  checkSandbox,
  type SandboxCheck,
  type SandboxUnavailableReason,
} from './sandbox/check-sandbox.js'
export { CLI_SECRET_VARIABLES, DEFAULT_PRIVATE_PATHS } from './sandbox/protected-paths.js'
export { CLI_SETTINGS_FILE } from './sandbox/settings-file.js'
export { SESSION_UPLOADS_DIR } from './sandbox/session-settings.js'

// ── One live CLI process and its turns ─────────────────────────────────────────────────────────────
export { ClaudeProcess } from './claude-process.js'
export type {
  ClaudeProcessOptions,
  ExitNotification,
  InitInfo,
  ProcessState,
} from './process-types.js'
export type { Turn, TurnState } from './turn.js'
export {
  IMAGE_MEDIA_TYPES,
  type ImageMediaType,
  type Prompt,
  type PromptImage,
  promptText,
} from './prompt.js'
export type { TurnEvent, TurnResult, TurnUsage } from './turn-events.js'

// ── Building a process: argv from a session + persona, a filtered environment ─────────────────────
export { BASE_ARGS, type BuildArgsOptions, buildArgs } from './build-args.js'
export { buildChildEnv, type ChildEnvOptions } from './child-env.js'

// ── Permissions: the handler contract and "allow always" rules ─────────────────────────────────────
export type {
  PermissionDecider,
  PermissionDecision,
  PermissionHandler,
  PermissionRequest,
} from './permissions.js'
export { type DecisionMode, DecisionModeSchema } from './permissions.js'
export { SessionPermissions } from './session-permissions.js'
export { type NarrowOptions, narrowAlwaysRule } from './permission-rules/narrow-always-rule.js'
export {
  type AllowRule,
  classifyRule,
  type RuleSubject,
  ruleCovers,
} from './permission-rules/allow-rule.js'
export { realTarget } from './permission-rules/file-paths.js'

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
export {
  CliCommandUnknownError,
  PoolShutdownError,
  SessionLoadError,
  type TurnStopReason,
  TurnStoppedError,
} from './pool/errors.js'

// ── Logging ────────────────────────────────────────────────────────────────────────────────────────
export { type Logger, silentLogger } from './logger.js'

// ── For experts: the wire protocol (zod schemas of the CLI's lines, the line parser, events) ──────
export { LineReader } from './line-reader.js'
export { type ParsedLine, parseLine } from './protocol/parse-line.js'
export { mapLineToEvents } from './map-events.js'
export {
  AssistantLineSchema,
  ResultLineSchema,
  StreamEventLineSchema,
  SystemApiRetrySchema,
  SystemInitSchema,
  SystemStatusSchema,
  UserLineSchema,
} from './protocol/output-lines.js'
export { type CliCommand, CliCommandSchema, cliCommandsOf } from './protocol/cli-commands.js'
export {
  type CompactBoundaryLine,
  CompactBoundarySchema,
  type ContextUsage,
  ContextUsageSchema,
} from './protocol/context-usage.js'
export {
  CanUseToolRequestSchema,
  ControlCancelLineSchema,
  ControlRequestLineSchema,
  ControlResponseLineSchema,
  type PermissionUpdate,
  PermissionUpdateSchema,
} from './protocol/control-messages.js'
