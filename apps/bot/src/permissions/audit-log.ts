/**
 * The session's audit log: one JSON line per permission decision in `<session dir>/audit.log`.
 * Appends to one file are serialized (lines never interleave); a failed append is logged and never
 * thrown, because a turn must not fail for want of a log line.
 */

import { appendFile } from 'node:fs/promises'
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
}

export const AUDIT_FILE_NAME = 'audit.log'
/** Inputs can be whole files (Write): the log keeps the first 4 KB of their JSON. */
export const AUDIT_INPUT_LIMIT = 4096

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
    let path: string
    try {
      path = join(this.options.sessionDirectory(owner, entry.sessionId), AUDIT_FILE_NAME)
    } catch (error) {
      this.options.logger.error(
        { err: error, sessionId: entry.sessionId },
        'audit log: bad session',
      )
      return Promise.resolve()
    }
    const line = `${JSON.stringify(this.toRecord(entry))}\n`
    const previous = this.tails.get(path) ?? Promise.resolve()
    const next = previous.then(() =>
      appendFile(path, line, 'utf8').catch((error: unknown) => {
        this.options.logger.error({ err: error, path }, 'could not append to the audit log')
      }),
    )
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

  private toRecord(entry: AuditEntry): Record<string, unknown> {
    const { text, truncated } = boundedJson(entry.input, AUDIT_INPUT_LIMIT)
    return {
      at: (this.options.now?.() ?? new Date()).toISOString(),
      userId: entry.userId,
      sessionId: entry.sessionId,
      sessionName: entry.sessionName,
      tool: entry.tool,
      ...(truncated ? { input: text, inputTruncated: true } : { input: entry.input }),
      answer: entry.answer,
      decidedBy: entry.decidedBy,
    }
  }
}

/** The value's JSON, cut to `limit` characters when longer. */
function boundedJson(value: unknown, limit: number): { text: string; truncated: boolean } {
  let text: string
  try {
    text = JSON.stringify(value) ?? 'null'
  } catch {
    text = '"[unserializable input]"'
  }
  return text.length <= limit
    ? { text, truncated: false }
    : { text: text.slice(0, limit), truncated: true }
}
