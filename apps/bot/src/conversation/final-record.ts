/**
 * A turn's final outcome as it is journaled: the messages to send, in order (an answer's parts, or
 * one error / "Stopped." message), optionally the whole answer as a `.md` document (its bytes sit in
 * a file beside the record), and, per item, the message id Telegram confirmed. A resumed delivery
 * sends only the items without an id, so nothing Telegram confirmed is ever sent again.
 */

import { z } from 'zod'

const Confirmed = {
  /** Set once Telegram confirmed the send. */
  messageId: z.number().int().optional(),
  /** Set when Telegram refused the item for good (a 400 nothing can fix): why, for the log. */
  skipped: z.string().max(500).optional(),
}

const MessageItemSchema = z.object({
  type: z.literal('message'),
  text: z
    .string()
    .min(1)
    .max(256 * 1024),
  html: z.boolean(),
  ...Confirmed,
})

const DocumentItemSchema = z.object({
  type: z.literal('document'),
  fileName: z.string().min(1).max(255),
  caption: z.string().max(1024),
  ...Confirmed,
})

export const FinalItemSchema = z.discriminatedUnion('type', [MessageItemSchema, DocumentItemSchema])

export const FinalRecordSchema = z.object({
  version: z.literal(1),
  id: z.uuid(),
  owner: z.string().min(1),
  sessionId: z.string().min(1),
  chatId: z.number().int(),
  /** The topic the answer goes to (private chats with topics). */
  threadId: z.number().int().positive().optional(),
  /** What the user is told: the answer, an error, or that the turn was stopped. */
  kind: z.enum(['answer', 'error', 'stopped']),
  /** When the turn finished (epoch ms), and a counter for turns finishing in the same ms: the order. */
  finishedAt: z.number().int().nonnegative(),
  seq: z.number().int().nonnegative(),
  items: z.array(FinalItemSchema).min(1).max(16),
  /** Reply markup (the "Switch to" button) carried by the last item. */
  replyMarkup: z.record(z.string(), z.unknown()).optional(),
})

export type FinalItem = z.output<typeof FinalItemSchema>
export type FinalRecord = z.output<typeof FinalRecordSchema>
export type FinalKind = FinalRecord['kind']

/** Whether Telegram still has to be asked for `item`. */
export function isOutstanding(item: FinalItem): boolean {
  return item.messageId === undefined && item.skipped === undefined
}

/** The document item of a record, if it has one. */
export function documentOf(
  record: FinalRecord,
): Extract<FinalItem, { type: 'document' }> | undefined {
  return record.items.find((item) => item.type === 'document')
}
