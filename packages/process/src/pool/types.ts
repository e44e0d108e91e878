import type { PermissionMode, Persona, SessionMetadata, SessionUpdate } from '@switchboard/core'
import type { Logger } from '../logger.js'
import type { PermissionDecision, PermissionRequest } from '../permissions.js'
import type { ProcessState } from '../process-types.js'
import type { CliCommand } from '../protocol/cli-commands.js'

/** A core session: its owner and immutable id (names can change). */
export interface SessionRef {
  owner: string
  id: string
}

/** What the pool needs from @switchboard/core's SessionManager (which satisfies it structurally). */
export interface PoolSessionStore {
  getById(owner: string, id: string): Promise<SessionMetadata>
  /**
   * Before each spawn: the metadata, once the working directory is there. A missing workspace is
   * created again (`recreated`; the store tells the user its files are gone); a vanished bound
   * project directory rejects (core: PROJECT_DIR_MISSING), failing the turn with that cause.
   * Without it the pool only reads the metadata (getById), and the CLI fails to start in a missing cwd.
   */
  prepareWorkingDirectory?(
    owner: string,
    id: string,
  ): Promise<{ meta: SessionMetadata; recreated: boolean }>
  readPersonaById(owner: string, id: string): Promise<Persona>
  /** Saves the mode the CLI reports in the session's persona copy (without it: kept in memory only). */
  updatePersonaSettings?(
    owner: string,
    name: string,
    patch: { permissionMode: PermissionMode },
  ): Promise<unknown>
  updateById(owner: string, id: string, patch: SessionUpdate): Promise<SessionMetadata>
  list(options?: { owner?: string }): Promise<{ sessions: SessionMetadata[] }>
  /** The session's own directory (its CLI settings file goes there; never into its workspace). */
  sessionDirectory(owner: string, id: string): string
  /**
   * The session's stored "allow always" rules, and adding / removing one. Without them, rules live only
   * as long as the pool (they still carry into the session's next process).
   */
  readAllowRules?(owner: string, id: string): Promise<string[]>
  addAllowRule?(owner: string, id: string, rule: string): Promise<unknown>
  removeAllowRule?(owner: string, id: string, rule: string): Promise<unknown>
}

/** Asked for every tool permission no "allow always" rule covers; `signal` aborts on timeout or cancel. */
export type PoolPermissionHandler = (
  ref: SessionRef,
  request: PermissionRequest,
  signal: AbortSignal,
) => Promise<PermissionDecision>

export interface ProcessPoolOptions {
  store: PoolSessionStore
  /** Executable: a path, or a name looked up on PATH. Default `claude`. */
  claudePath?: string
  /** Filtered with buildChildEnv (default process.env); TELEGRAM_* and SWITCHBOARD_* never pass. */
  parentEnv?: NodeJS.ProcessEnv
  /** Extra variable names that must never reach the CLI (`NAME` or prefix `NAME_*`). */
  denyEnv?: string[]
  /** At most this many CLI processes at once. Default 4. */
  maxLive?: number
  /** A live process idle this long is stopped and its session suspended. Default 30 min. */
  idleTimeoutMs?: number
  /** Passed to each ClaudeProcess. */
  permissionTimeoutMs?: number
  onPermissionRequest: PoolPermissionHandler
  logger?: Logger
  stopGraceMs?: number
  killAfterMs?: number
  startTimeoutMs?: number
  /**
   * The watchdog: a running turn silent this long (no line from the CLI, no permission request waiting)
   * gets a `stalled` event. Its process is then killed for a waiting session's slot when none is free,
   * and in any case once silent `STALL_RECLAIM_FACTOR` (3) times as long. Default 5 min; 0: off.
   */
  stallTimeoutMs?: number
  /** `stop(ref)`: how long the CLI gets to end the turn after the interrupt before it is killed. Default 3 s. */
  interruptGraceMs?: number
  /**
   * Claude Code's sandbox for Bash, and the paths no session may read or write (denied to the file
   * tools by rule too). Unset: neither, and a bound project's settings file is passed as it is.
   */
  sandbox?: PoolSandboxOptions
}

/** `ProcessPoolOptions.sandbox`; see the README's "Sandbox" section. */
export interface PoolSandboxOptions {
  /** Run Bash in Claude Code's sandbox (check first that it works here: `checkSandbox`). */
  enabled: boolean
  /** Sandboxed commands run without a prompt, unless the persona says otherwise. Default false. */
  autoAllow?: boolean
  /** Hosts sandboxed commands may reach unasked. Default none: each new host is a permission request. */
  allowedDomains?: string[]
  /** Switchboard's data directory: closed except each session's own working directory. */
  dataDir: string
  /** More absolute paths closed whole, e.g. the bot's checkout and its `.env`. */
  protectedPaths?: string[]
  /** Private paths closed whole; `~/` is the CLI's HOME. Default `DEFAULT_PRIVATE_PATHS`. */
  privatePaths?: string[]
  /**
   * Let a session run in `bypassPermissions`. Default false: the generated settings set
   * `disableBypassPermissionsMode`, so neither a bound project's `defaultMode` nor a flag can switch it on.
   */
  allowBypassPermissions?: boolean
}

/** `ProcessPool.send`'s options. */
export interface SendOptions {
  /** The prompt is this slash command of the CLI, without the slash: checked against the process's list. */
  cliCommand?: string
}

/** A session as the pool sees it right now. */
export interface LiveStatus {
  /** A CLI process exists (or is being started) for this session. */
  live: boolean
  state: ProcessState | 'none'
  pid: number | null
  /** Turns waiting behind the running one (including those waiting for a free slot). */
  queueLength: number
  /** A turn is running now. */
  running: boolean
  /** From system/init, when live. */
  model: string | undefined
  permissionMode: string | undefined
  /** The CLI's slash commands and skills its latest process announced (undefined: none started yet). */
  commands: CliCommand[] | undefined
}

/** Why the pool stops a process; decides what is written to core afterwards. */
export type StopReason = 'suspend' | 'idle' | 'lru' | 'restart' | 'shutdown'
