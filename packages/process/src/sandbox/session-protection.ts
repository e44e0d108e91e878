import { join, relative, sep } from 'node:path'
import { isInside } from '@switchboard/core'
import { unique } from '../unique.js'
import { carveOut, realOrSelf } from './carve-out.js'

/** What no session may read: Switchboard's data dir (but its own working directory) and other paths. */
export interface ProtectedPaths {
  dataDir: string
  /** Closed whole (the bot's checkout, its `.env`, private paths); absolute. */
  paths: readonly string[]
}

/** One session's share of the protection, in the CLI's settings terms. */
export interface SessionProtection {
  /** `permissions.deny` rules: `Read(…)` covers the reading tools, `Edit(…)` every writing tool. */
  denyRules: string[]
  /** `sandbox.filesystem.denyRead`: every protected path, whole. */
  denyRead: string[]
  /** `sandbox.filesystem.allowRead`: the working directory (and `readable`), when a protected path holds it. */
  allowRead: string[]
  /** `permissions.allow` rules: reading `readable` without a prompt. */
  allowRules: string[]
  /** `sandbox.filesystem.denyWrite`: the session's own Claude Code settings files. */
  denyWrite: string[]
  /** Paths no rule can spell (glob or rule syntax in them): left to the sandbox and the prompts. */
  skipped: string[]
}

// Core's layout (packages/core/src/layout.ts) below the data dir, as gitignore-style patterns: the
// control files of every session — also of sessions created after this process started — and the
// data dir's own files. Used only when the working directory is a workspace at its usual place.
const DATA_DIR_PATTERNS = [
  '*.*',
  '.*',
  'personas',
  'archive',
  'sessions/*/.*',
  'sessions/*/active',
  'sessions/*/*/*.*',
  'sessions/*/*/.*',
  // The audit log's side files (apps/bot), made after a process may have started.
  'sessions/*/*/audit',
  // The bot's durable inbox (other prompts) and outbox (final answers, with their chat ids): made
  // after a process may have started; a planted entry there would be sent or run as the user's.
  'sessions/*/*/inbox',
  'sessions/*/*/outbox',
]

// Every session's Claude Code config, also of sessions created after this process started: the CLI
// runs a workspace's `.claude` hooks and `.mcp.json` servers unsandboxed when that session starts.
const WORKSPACE_CONFIG_PATTERNS = [
  'sessions/*/*/workspace/.claude',
  'sessions/*/*/workspace/.mcp.json',
]

// A session bound to a project has no workspace in the data dir, so every workspace there, also of
// sessions created later, is closed whole; other bound sessions' uploads can't be told from its own by
// a pattern, so they are closed to writing (their reading is left to the listing and the prompts).
const BOUND_SESSION_PATTERNS = ['sessions/*/*/workspace']
const BOUND_SESSION_WRITE_PATTERNS = ['sessions/*/*/uploads']

// The session's own Claude Code config: the CLI runs its settings' hooks and `.mcp.json`'s servers
// unsandboxed (a bound project's settings also reach it through --settings), and hooks often run
// scripts kept beside them, so writing any of it would let Claude out. The user edits it at a desk.
const SESSION_SETTINGS = ['.claude', '.mcp.json']

// Characters a permission rule or the sandbox would read as syntax rather than as part of a path.
const RULE_SYNTAX = /[()*?[\]{}!\\\n\r]/

/**
 * Computes the deny rules and sandbox paths of a session working in `workingDirectory`. `readable`:
 * directories outside it the session may read too (a bound session's uploads, in its own directory).
 */
export async function sessionProtection(
  workingDirectory: string,
  protect: ProtectedPaths,
  readable: readonly string[] = [],
): Promise<SessionProtection> {
  const cwd = await realOrSelf(workingDirectory)
  const extra = (await Promise.all(readable.map(realOrSelf))).filter((p) => !RULE_SYNTAX.test(p))
  const keep = [cwd, ...extra]
  const dataDir = await realOrSelf(protect.dataDir)
  const others = await Promise.all(protect.paths.map(realOrSelf))
  const regions = unique([dataDir, ...others])
  const skipped = regions.filter((path) => RULE_SYNTAX.test(path))
  const safe = regions.filter((path) => !RULE_SYNTAX.test(path))

  const closed = (await Promise.all(safe.map((region) => carveOut(region, keep)))).flat()
  // Kept open inside the data dir: its control files made later are closed by pattern.
  const usual = isUsualWorkspace(dataDir, cwd)
  const bound = !usual && extra.some((path) => isInside(dataDir, path))
  const inData = (patterns: readonly string[]) => patterns.map((pattern) => join(dataDir, pattern))
  const layoutPatterns =
    usual || bound ? inData([...DATA_DIR_PATTERNS, ...(bound ? BOUND_SESSION_PATTERNS : [])]) : []
  const writePatterns =
    usual || bound
      ? inData([...WORKSPACE_CONFIG_PATTERNS, ...(bound ? BOUND_SESSION_WRITE_PATTERNS : [])])
      : []
  const settingsFiles = SESSION_SETTINGS.map((file) => join(cwd, file))
  const entries = closed.filter((path) => !RULE_SYNTAX.test(path))
  skipped.push(...closed.filter((path) => RULE_SYNTAX.test(path)))
  // The file tools could read another process's environment there; sandboxed Bash gets its own /proc.
  const fileToolPaths = unique([...entries, ...layoutPatterns, '/proc'])
  return {
    denyRules: [
      ...fileToolPaths.flatMap((path) => [`Read(/${path})`, `Edit(/${path})`]),
      ...unique([...settingsFiles, ...writePatterns]).map((path) => `Edit(/${path})`),
    ],
    denyRead: safe,
    denyWrite: settingsFiles,
    allowRead: keep.filter((path) => safe.some((region) => isInside(region, path))),
    allowRules: extra.map((path) => `Read(/${path}/**)`),
    skipped,
  }
}

/** `<dataDir>/sessions/<owner>/<id>/workspace`, where the layout patterns cannot match it. */
function isUsualWorkspace(dataDir: string, cwd: string): boolean {
  const parts = relative(dataDir, cwd).split(sep)
  return parts.length === 4 && parts[0] === 'sessions' && parts[3] === 'workspace'
}
