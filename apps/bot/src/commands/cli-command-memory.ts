/**
 * Each session's Claude Code commands as its latest process announced them, kept on disk in the
 * session's directory (`cli-commands.json`, 0600, written atomically) so that after a restart, before
 * the session's process starts again, its commands still pass through (`/review_pr 12`), /help lists
 * them and the chat's menu has them. A missing or damaged file reads as "not known yet".
 */

import { join } from 'node:path'
import { readJsonFile, type SessionManager, writeJsonAtomic } from '@switchboard/core'
import {
  type CliCommand,
  CliCommandSchema,
  type ProcessPool,
  type SessionRef,
} from '@switchboard/process'
import { z } from 'zod'
import type { Logger } from '../logging/logger.js'

export const CLI_COMMANDS_FILE = 'cli-commands.json'

const FileSchema = z.object({ version: z.literal(1), commands: z.array(CliCommandSchema) })

export class CliCommandMemory {
  /** By file path; undefined: no usable file (read once, then only this bot writes it). */
  private readonly known = new Map<string, CliCommand[] | undefined>()
  /** One write at a time per file, in the order the lists were announced. */
  private readonly writing = new Map<string, Promise<void>>()

  /** The list last remembered for the session whose directory is `dir` (undefined: none). */
  async recall(dir: string, logger: Logger): Promise<CliCommand[] | undefined> {
    const path = join(dir, CLI_COMMANDS_FILE)
    if (this.known.has(path)) return this.known.get(path)
    const read = await readJsonFile(path, FileSchema)
    if (!read.ok && read.missing) logger.debug({ dir }, 'no remembered Claude Code commands')
    if (!read.ok && !read.missing)
      logger.warn({ dir, reason: read.reason }, 'unreadable remembered Claude Code commands')
    // A list remembered while the file was being read is newer than the file.
    if (!this.known.has(path)) this.known.set(path, read.ok ? read.value.commands : undefined)
    return this.known.get(path)
  }

  /** Remembers `commands` for the session in `dir`; the file is written only when the list changed. */
  remember(dir: string, commands: readonly CliCommand[], logger: Logger): Promise<void> {
    const path = join(dir, CLI_COMMANDS_FILE)
    const list = commands.map(plain)
    const previous = this.writing.get(path) ?? Promise.resolve()
    const next = previous.then(async () => {
      const before = await this.recall(dir, logger)
      if (before && JSON.stringify(before.map(plain)) === JSON.stringify(list)) return
      this.known.set(path, list)
      await writeJsonAtomic(path, { version: 1, commands: list })
    })
    const settled = next.catch((error: unknown) =>
      logger.warn({ err: error, dir }, 'could not remember the Claude Code commands'),
    )
    this.writing.set(path, settled)
    return settled
  }
}

/** The bot's memory (one per process: only this bot writes the files, the instance lock sees to it). */
export const cliCommandMemory = new CliCommandMemory()

export interface CliCommandDeps {
  pool: Pick<ProcessPool, 'status'>
  sessions: Pick<SessionManager, 'sessionDirectory'>
  logger: Logger
}

/** The session's commands: its live list when a process announced one in this run, else the remembered. */
export async function knownCliCommands(
  deps: CliCommandDeps,
  ref: SessionRef,
): Promise<CliCommand[] | undefined> {
  const live = deps.pool.status(ref).commands
  if (live) return live
  return cliCommandMemory.recall(deps.sessions.sessionDirectory(ref.owner, ref.id), deps.logger)
}

/** Keeps every list a session's process announces; `then` runs after each (e.g. the menu's refresh). */
export function rememberCliCommands(
  deps: Pick<CliCommandDeps, 'sessions' | 'logger'> & { pool: Pick<ProcessPool, 'onCliCommands'> },
  then: (ref: SessionRef) => void,
): () => void {
  return deps.pool.onCliCommands((ref, commands) => {
    const dir = deps.sessions.sessionDirectory(ref.owner, ref.id)
    void cliCommandMemory.remember(dir, commands, deps.logger)
    then(ref)
  })
}

/** The four fields the bot uses, in a fixed order (the CLI's other fields are not kept). */
function plain(command: CliCommand): CliCommand {
  const { name, description, argumentHint, builtin } = command
  return { name, description, argumentHint, ...(builtin === undefined ? {} : { builtin }) }
}
