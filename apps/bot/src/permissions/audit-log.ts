/**
 * The session's audit log: one JSON line per permission decision in `<session dir>/audit.log`, with
 * the full input. An input whose JSON is longer than `AUDIT_INLINE_LIMIT` goes to a side file,
 * `<session dir>/audit/<sha256>.json` (0600, written before the line), and the line names it by hash.
 * Appends to one file are serialized (lines never interleave); a failed append is logged and never
 * thrown, because a turn must not fail for want of a log line.
 */

import { createHash } from 'node:crypto'
import { appendFile, mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Logger } from '../logging/logger.js'

/** Who settled a request: the user's press or typed answer, the timeout, a session rule, a cancel. */
export type AuditDecider = 'user' | 'timeout' | 'rule' | 'cancel' | 'error'

export interface AuditEntry {
  /** Telegram user id of whoever answered; null when nobody did (timeout, rule, cancel). */
  userId: number | null
  sessionId: string
  sessionName: string
  tool: string
  input: unknown
  /** e.g. "allow", "always", "deny", or an AskUserQuestion's answers. */
  answer: unknown
  decidedBy: AuditDecider
  /** The rule an "Always" press saved. */
  rule?: string
}

export const AUDIT_FILE_NAME = 'audit.log'
export const AUDIT_SIDE_DIRECTORY = 'audit'
/** Inputs can be whole files (Write): JSON longer than this goes to a side file. */
export const AUDIT_INLINE_LIMIT = 4096

export interface AuditLogOptions {
  /** Where a session keeps its files (core's `sessionDirectory`). */
  sessionDirectory: (owner: string, id: string) => string
  logger: Logger
  now?: () => Date
}

export class AuditLog {
  private readonly tails = new Map<string, Promise<void>>()

  constructor(private readonly options: AuditLogOptions) {}

  /** Appends one line for `owner`'s session; resolves once written (or the failure logged). */
  append(owner: string, entry: AuditEntry): Promise<void> {
    let directory: string
    try {
      directory = this.options.sessionDirectory(owner, entry.sessionId)
    } catch (error) {
      this.options.logger.error(
        { err: error, sessionId: entry.sessionId },
        'audit log: bad session',
      )
      return Promise.resolve()
    }
    const path = join(directory, AUDIT_FILE_NAME)
    const at = (this.options.now?.() ?? new Date()).toISOString()
    const previous = this.tails.get(path) ?? Promise.resolve()
    const next = previous
      .then(async () => {
        const input = await this.inputFields(directory, entry.input)
        await appendFile(path, `${JSON.stringify(record(at, entry, input))}\n`, 'utf8')
      })
      .catch((error: unknown) => {
        this.options.logger.error({ err: error, path }, 'could not append to the audit log')
      })
    this.tails.set(path, next)
    void next.then(() => {
      if (this.tails.get(path) === next) this.tails.delete(path)
    })
    return next
  }

  /** Resolves when every append started so far is done. */
  async idle(): Promise<void> {
    await Promise.all([...this.tails.values()])
  }

  /** The input inline, or the side file holding it (its first part inline if that fails). */
  private async inputFields(directory: string, input: unknown): Promise<Record<string, unknown>> {
    const json = jsonOf(input)
    if (json === undefined) return { input: '[unserializable input]' }
    if (json.length <= AUDIT_INLINE_LIMIT) return { input }
    const sha256 = createHash('sha256').update(json).digest('hex')
    const file = `${AUDIT_SIDE_DIRECTORY}/${sha256}.json`
    try {
      await mkdir(join(directory, AUDIT_SIDE_DIRECTORY), { recursive: true, mode: 0o700 })
      // Named by its content: an existing file already holds these very bytes.
      await writeFile(join(directory, file), json, { mode: 0o600, flag: 'wx' }).catch(
        (error: unknown) => {
          if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
        },
      )
      return { inputFile: file, inputSha256: sha256, inputLength: json.length }
    } catch (error) {
      this.options.logger.error({ err: error, file }, 'could not write an audit side file')
      return {
        input: json.slice(0, AUDIT_INLINE_LIMIT),
        inputTruncated: true,
        inputSha256: sha256,
        inputLength: json.length,
      }
    }
  }
}

function record(at: string, entry: AuditEntry, input: Record<string, unknown>) {
  return {
    at,
    userId: entry.userId,
    sessionId: entry.sessionId,
    sessionName: entry.sessionName,
    tool: entry.tool,
    ...input,
    answer: entry.answer,
    ...(entry.rule === undefined ? {} : { rule: entry.rule }),
    decidedBy: entry.decidedBy,
  }
}

function jsonOf(value: unknown): string | undefined {
  try {
    return JSON.stringify(value) ?? 'null'
  } catch {
    return undefined
  }
}
