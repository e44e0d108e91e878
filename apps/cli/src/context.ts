import { resolveClaudeConfigDir, resolveDataDir, SessionManager } from '@switchboard/core'
import type { CliEnv } from './env.js'
import { resolveOwner } from './owner.js'

/** Where a command writes: stdout for results, stderr for warnings and errors. */
export interface Output {
  out(text: string): void
  err(text: string): void
}

/** What every command gets: the environment, core's manager on the data dir, and its output. */
export interface CommandContext {
  env: CliEnv
  /** The environment as the command got it (what the desk's `claude` inherits, filtered). */
  parentEnv: NodeJS.ProcessEnv
  sessions: SessionManager
  /** Claude Code's own directory as the desk's `claude` sees it (its conversation store). */
  claudeConfigDir: string
  io: Output
  /** The owner the command acts for (--owner, SWITCHBOARD_OWNER, or the only one on disk). */
  owner(flag: string | undefined): Promise<string>
}

export function createContext(
  env: CliEnv,
  parentEnv: NodeJS.ProcessEnv,
  io: Output,
): CommandContext {
  const claudeConfigDir = resolveClaudeConfigDir(env)
  const sessions = new SessionManager({
    dataDir: resolveDataDir(env),
    projectRoots: env.SWITCHBOARD_PROJECT_ROOTS,
    allowBypassPermissions: env.SWITCHBOARD_ALLOW_BYPASS,
    maxSessionsPerOwner: env.SWITCHBOARD_MAX_SESSIONS,
    claudeConfigDir,
    // One process per command: the listing's cache lives on disk, so 10,000 sessions are one read.
    listCacheFile: true,
  })
  return {
    env,
    parentEnv,
    sessions,
    claudeConfigDir,
    io,
    owner: (flag) => resolveOwner(sessions.dataDir, flag, env.SWITCHBOARD_OWNER),
  }
}
