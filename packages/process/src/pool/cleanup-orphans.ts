import type { SessionMetadata } from '@switchboard/core'
import type { Logger } from '../logger.js'
import { isAlive, killProcess, looksLikeClaudeCli, readCmdline } from './orphans.js'
import { SessionWriter } from './session-writer.js'
import type { PoolSessionStore } from './types.js'

export interface OrphanCleanupOptions {
  store: PoolSessionStore
  claudePath: string
  graceMs: number
  logger: Logger
  /** Sessions this pool runs right now (`owner/id`): their pids are not orphans. */
  skip: ReadonlySet<string>
}

/**
 * For every session whose metadata still names a pid (the bot died without cleaning up): kills that
 * process if it is alive and looks like the Claude Code CLI, then records `pid: null` (and `suspended`).
 * A pid now used by another program is left alone. Returns how many processes were killed.
 */
export async function cleanupOrphans(options: OrphanCleanupOptions): Promise<number> {
  const { sessions } = await options.store.list()
  const recorded = sessions.filter(
    (meta) => meta.pid !== null && !options.skip.has(`${meta.owner}/${meta.id}`),
  )
  const killed = await Promise.all(recorded.map((meta) => cleanupOne(meta, options)))
  return killed.filter(Boolean).length
}

async function cleanupOne(meta: SessionMetadata, options: OrphanCleanupOptions): Promise<boolean> {
  const pid = meta.pid ?? 0
  const session = { owner: meta.owner, id: meta.id }
  const alive = pid > 1 && pid !== process.pid && isAlive(pid)
  const argv = alive ? (readCmdline(pid) ?? []) : []
  const isCli = alive && looksLikeClaudeCli(argv, options.claudePath)
  if (alive && !isCli)
    // Only the program: another process's arguments may hold anything (prompts, secrets).
    options.logger.warn(
      { session, pid, command: argv[0] },
      'recorded pid is not a Claude Code CLI: left alone',
    )
  const killed = isCli && (await killProcess(pid, options.graceMs))
  if (isCli && !killed) {
    // Still running: keep the pid so a later cleanup can try again.
    options.logger.error({ session, pid }, 'could not kill an orphaned Claude Code process')
    return false
  }
  if (killed) options.logger.info({ session, pid }, 'killed an orphaned Claude Code process')
  await new SessionWriter(session, options.store, options.logger).write({
    pid: null,
    status: 'suspended',
  })
  return killed
}
