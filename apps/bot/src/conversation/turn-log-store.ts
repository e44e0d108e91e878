/**
 * The last few turns' logs of a session, on disk in its directory (`turn-logs.json`, 0600, written
 * atomically) so /log and the "Full output" button still work after a restart. Outputs are capped
 * (their end kept: that's where a failing test says why); a bad or missing file reads as no logs.
 */

import { join } from 'node:path'
import { readJsonFile, writeJsonAtomic } from '@switchboard/core'
import { z } from 'zod'
import type { Logger } from '../logging/logger.js'
import { type LoggedTool, LoggedToolSchema } from '../render/turn-log.js'

export const TURN_LOG_FILE = 'turn-logs.json'
/** Turns kept per session. */
export const KEPT_TURNS = 5
/** Characters kept of one output (its end). */
export const OUTPUT_CAP_CHARS = 100_000

export const LoggedTurnSchema = z.object({
  turnId: z.string(),
  sessionName: z.string(),
  /** ISO time the turn ended. */
  at: z.string(),
  summary: z.string(),
  tools: z.array(LoggedToolSchema),
})
export type LoggedTurn = z.infer<typeof LoggedTurnSchema>

const FileSchema = z.object({ version: z.literal(1), turns: z.array(LoggedTurnSchema) })

export class TurnLogStore {
  /** One write at a time per file: a turn's save never races the previous one's. */
  private readonly writing = new Map<string, Promise<void>>()

  /** Adds `turn` as the newest of the session whose directory is `dir`. */
  save(dir: string, turn: LoggedTurn, logger: Logger): Promise<void> {
    const path = join(dir, TURN_LOG_FILE)
    const previous = this.writing.get(path) ?? Promise.resolve()
    const next = previous.then(async () => {
      const turns = (await this.read(dir, logger)).filter((t) => t.turnId !== turn.turnId)
      turns.push(capOutputs(turn))
      await writeJsonAtomic(path, { version: 1, turns: turns.slice(-KEPT_TURNS) })
    })
    const settled = next.catch((error: unknown) =>
      logger.warn({ err: error, dir }, 'could not keep the turn log'),
    )
    this.writing.set(path, settled)
    return settled
  }

  /** The session's newest log, if any. */
  async last(dir: string, logger: Logger): Promise<LoggedTurn | undefined> {
    await this.writing.get(join(dir, TURN_LOG_FILE))
    return (await this.read(dir, logger)).at(-1)
  }

  /** The log of turn `turnId`, if still kept. */
  async find(dir: string, turnId: string, logger: Logger): Promise<LoggedTurn | undefined> {
    await this.writing.get(join(dir, TURN_LOG_FILE))
    return (await this.read(dir, logger)).find((t) => t.turnId === turnId)
  }

  private async read(dir: string, logger: Logger): Promise<LoggedTurn[]> {
    const read = await readJsonFile(join(dir, TURN_LOG_FILE), FileSchema)
    if (read.ok) return read.value.turns
    if (!read.missing) logger.warn({ dir, reason: read.reason }, 'unreadable turn log file')
    return []
  }
}

/** The bot's store (stateless on disk; one write queue per file). */
export const turnLogs = new TurnLogStore()

function capOutputs(turn: LoggedTurn): LoggedTurn {
  const cap = (tool: LoggedTool): LoggedTool =>
    tool.output !== undefined && tool.output.length > OUTPUT_CAP_CHARS
      ? { ...tool, output: `…\n${tool.output.slice(-OUTPUT_CAP_CHARS)}` }
      : tool
  return { ...turn, tools: turn.tools.map(cap) }
}
