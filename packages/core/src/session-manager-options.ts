import type { MetadataRepairReport } from './metadata-repair.js'
import type { PersonaLibrary } from './persona-library.js'
import type { LockWaitListener } from './session-access.js'

export interface SessionManagerOptions {
  /** Base data directory; default `resolveDataDir()`. */
  dataDir?: string
  /** When set, sessions may only bind to project directories inside one of these (absolute). */
  projectRoots?: readonly string[]
  /** Where personas come from; default a PersonaLibrary on the same data dir. */
  personas?: PersonaLibrary
  /** Give up waiting for a session lock after this long (LockTimeoutError); default 15 s. */
  lockTimeoutMs?: number
  /** A lock not refreshed for this long belongs to a dead process and is taken over; default 10 s. */
  lockStaleMs?: number
  /** Clock, for tests. */
  now?: () => Date
  /** `create` refuses (SessionLimitError) once an owner has this many sessions; default no limit. */
  maxSessionsPerOwner?: number
  /**
   * Directories no session may bind to, bind inside or bind above, projectRoots or not (e.g. the
   * app's own checkout). The data dir always is one.
   */
  privateDirs?: readonly string[]
  /** Without projectRoots: directories too broad to bind to or above; default the home dir (`/` always). */
  broadDirs?: readonly string[]
  /**
   * Let sessions run a persona.json with `permissionMode: "bypassPermissions"`; otherwise reading one
   * throws PersonaBypassRefusedError. Default: the persona library's allowBypassPermissions (false).
   */
  allowBypassPermissions?: boolean
  /**
   * Called when a wait for one of an owner's locks passed a second (a long operation, or a lock
   * left by a dead process); the function it returns is called when the wait ends.
   */
  onLockWait?: LockWaitListener
  /** Called after a damaged or missing metadata.json was rebuilt (to tell the user what was recovered). */
  onRepair?: (report: MetadataRepairReport) => void
  /** Called when prepareWorkingDirectory created a missing workspace again (its files are gone). */
  onWorkspaceRecreated?: (event: { owner: string; id: string; name: string; path: string }) => void
  /** Called for each name-index entry written back from a session's metadata. */
  onNameRepair?: (repair: { owner: string; id: string; name: string }) => void
  /**
   * Keep `list`'s metadata cache on disk as well (`sessions/<owner>/.list-cache.json`, every entry
   * checked against its file's stat), so a short-lived process lists 10,000 sessions from one file
   * instead of 10,000. For one-shot processes (a desk command); a long-running app keeps its cache in
   * memory already. Default false.
   */
  listCacheFile?: boolean
  /** Claude Code's config dir, to recover a rebuilt session's Claude session id; default `resolveClaudeConfigDir()`. */
  claudeConfigDir?: string
}

export interface CreateSessionInput {
  owner: string
  name: string
  /** Library persona to copy into the session; default "default". */
  persona?: string
  /** Absolute path of an existing project directory to run in instead of `workspace/`. */
  projectDir?: string
}
