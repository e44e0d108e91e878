/**
 * Sends the items of one final outcome that Telegram has not confirmed yet, in order, recording
 * each confirmation (message id) in the journal before the next item goes. An item Telegram refuses
 * for good (a 400 other than bad HTML, which falls back to plain text) is marked skipped and logged,
 * so one bad part never holds up the rest of the answer or the chat's later finals.
 */

import { randomUUID } from 'node:crypto'
import { BOT_UPLOAD_LIMIT_BYTES } from '../files/get-file.js'
import type { Logger } from '../logging/logger.js'
import { sendAnswerDocument, sendPlannedMessage } from '../render/deliver-answer.js'
import { truncateEnd } from '../render/truncate.js'
import { OutboxClosedError, TelegramError } from '../telegram/errors.js'
import type { CallOptions, Outbox } from '../telegram/outbox.js'
import type { FinalInput } from './final-delivery.js'
import type { FinalJournal } from './final-journal.js'
import { type FinalItem, type FinalRecord, isOutstanding } from './final-record.js'
import { classifyFinalFailure, FinalDocumentUnreadableError } from './final-retry.js'
import type { TurnOutcome } from './turn-runner.js'

/** A final outcome on its way: journaled (`durable`) or, when the disk refused, in memory only. */
export interface PendingFinal {
  /** The session directory whose journal holds it. */
  dir: string
  record: FinalRecord
  durable: boolean
  /** The document's bytes when not durable (a durable one reads them back from the journal). */
  document?: Buffer
}

/**
 * Journals a new final before its first attempt. When the disk refuses (full, read-only), the
 * final is delivered from memory anyway, and said so in the log: a restart would lose it.
 */
export async function persistFinal(
  options: FinalSenderOptions,
  input: FinalInput,
  order: Pick<FinalRecord, 'finishedAt' | 'seq'>,
): Promise<PendingFinal> {
  const { dir, document, ...rest } = input
  // Its own copy: confirmations are written into the record's items.
  const record: FinalRecord = structuredClone({ version: 1, id: randomUUID(), ...order, ...rest })
  const { journal, logger } = options
  if (!journal) return { dir, record, durable: false, document }
  try {
    await journal.save(dir, record, document)
    return { dir, record, durable: true }
  } catch (error) {
    logger.error(
      { err: error, sessionId: record.sessionId, finalId: record.id },
      'could not save a final answer to disk; delivering it from memory (a restart would lose it)',
    )
    return { dir, record, durable: false, document }
  }
}

export interface FinalSenderOptions {
  outbox: Outbox
  journal?: FinalJournal
  logger: Logger
}

export class FinalSender {
  private stopped = false
  /** Items on the wire (with their journal update): shutdown lets them settle. */
  private readonly onWire = new Set<Promise<unknown>>()
  /** Ends the outbox calls still waiting (for a slot, a retry, the network) at the very end. */
  private readonly aborter = new AbortController()
  private readonly aborted = new Promise<never>((_, reject) => {
    this.aborter.signal.addEventListener('abort', () => reject(new OutboxClosedError('final')))
  })

  constructor(private readonly options: FinalSenderOptions) {
    this.aborted.catch(() => undefined)
  }

  /** Sends what is outstanding; resolves undefined once all is confirmed, else with the failure. */
  async sendOutstanding(final: PendingFinal): Promise<unknown> {
    const { record } = final
    const last = record.items.length - 1
    for (const [index, item] of record.items.entries()) {
      if (!isOutstanding(item)) continue
      if (this.stopped)
        return new OutboxClosedError(item.type === 'message' ? 'sendMessage' : 'sendDocument')
      const extra = {
        ...(record.threadId === undefined ? {} : { message_thread_id: record.threadId }),
        ...(index === last && record.replyMarkup ? { reply_markup: record.replyMarkup } : {}),
      }
      const more = record.items.slice(index + 1).some(isOutstanding)
      const step = this.sendItem(final, item, extra, more)
      this.onWire.add(step)
      const failure = await step.finally(() => this.onWire.delete(step))
      if (failure !== undefined) return failure
    }
    return undefined
  }

  /** No new item starts from now on; resolves once the items on the wire settled. */
  async stop(): Promise<void> {
    this.stopped = true
    await Promise.allSettled([...this.onWire])
  }

  /** Cancels the calls still in the outbox (they reject; the journal keeps their items). */
  abort(): void {
    this.aborter.abort()
  }

  /** Delivery ends for now (shutdown): the journal keeps the final for the next start. */
  keep(final: PendingFinal): TurnOutcome {
    const { record } = final
    const outstanding = record.items.filter(isOutstanding).length
    const fields = { finalId: record.id, sessionId: record.sessionId, outstanding }
    if (final.durable) this.options.logger.info(fields, 'final answer kept for the next start')
    else this.options.logger.error(fields, 'final answer not delivered and not on disk: lost')
    return 'untold'
  }

  /**
   * Everything was confirmed: the journal entry goes, in the background (after the last update,
   * journal writes are serialised), so the turn counts as answered the moment Telegram said so.
   */
  forget(final: PendingFinal): void {
    if (final.durable) void this.options.journal?.remove(final.dir, final.record.id)
  }

  /** Sends one item and records the outcome; resolves with a failure to retry later, if any. */
  private async sendItem(
    final: PendingFinal,
    item: FinalItem,
    extra: Record<string, unknown>,
    more: boolean,
  ): Promise<unknown> {
    const { outbox, journal, logger } = this.options
    const { record } = final
    try {
      if (item.type === 'message') {
        const sending = sendPlannedMessage(outbox, record.chatId, item, extra, this.callOptions)
        const sent = await this.unlessAborted(sending)
        item.messageId = sent.messageId
        item.html = !sent.plain
      } else {
        const bytes = await this.documentBytes(final)
        const file = { bytes, fileName: item.fileName, caption: item.caption }
        const sending = sendAnswerDocument(outbox, record.chatId, file, extra, this.callOptions)
        item.messageId = await this.unlessAborted(sending)
      }
    } catch (error) {
      if (classifyFinalFailure(error) !== 'refused') return error
      item.skipped = truncateEnd(describe(error), 500)
      logger.error(
        { err: error, finalId: record.id, sessionId: record.sessionId, item: item.type },
        'Telegram refused part of a final answer; skipped it',
      )
    }
    // The next item waits for this one's record; after the last one nothing does (forget follows).
    const written = final.durable ? journal?.update(final.dir, record) : undefined
    if (more) await written
    return undefined
  }

  /** The call's outcome, or OutboxClosedError once aborted (whatever the outbox does with it). */
  private unlessAborted<T>(call: Promise<T>): Promise<T> {
    call.catch(() => undefined)
    return Promise.race([call, this.aborted])
  }

  private get callOptions(): CallOptions {
    return { signal: this.aborter.signal }
  }

  private async documentBytes(final: PendingFinal): Promise<Buffer> {
    const { journal } = this.options
    if (!final.durable) {
      if (final.document) return final.document
      throw new FinalDocumentUnreadableError()
    }
    try {
      if (!journal) throw new FinalDocumentUnreadableError()
      return await journal.readDocument(final.dir, final.record.id, BOT_UPLOAD_LIMIT_BYTES)
    } catch (error) {
      throw new FinalDocumentUnreadableError(error)
    }
  }
}

function describe(error: unknown): string {
  if (error instanceof TelegramError) return `${error.errorCode} ${error.description}`
  return error instanceof Error ? error.message : String(error)
}
