/**
 * What a turn's progress leaves behind: its log, kept (turn-log-store.ts, through `keep`) and shown as a
 * permanent message — the edited progress message, or a quiet message of its own when the view was a
 * draft (a draft vanishes when the answer arrives).
 */

import type { Logger } from '../logging/logger.js'
import type { LoggedTool } from '../render/turn-log.js'
import { renderTurnLog } from '../render/turn-log-html.js'
import type { Outbox } from '../telegram/outbox.js'
import { editHtml, type InlineButton, sendHtml } from './telegram-calls.js'

/** Keeps a finished turn's log; resolves with the buttons its message gets ("Full output"). */
export type KeepLog = (log: {
  tools: LoggedTool[]
  summary: string
}) => Promise<InlineButton[][] | undefined>

export interface FinishedLog {
  html: string
  buttons: InlineButton[][] | undefined
}

/** "✓ done — 4 tools, 20 s" */
export function logSummary(status: string, tools: number, startedAt: number): string {
  const seconds = Math.max(1, Math.round((Date.now() - startedAt) / 1000))
  return `${status} — ${tools} tool${tools === 1 ? '' : 's'}, ${seconds} s`
}

/** The log's message, once kept; undefined when no tool ran (nothing worth a message). */
export async function finishLog(
  title: string,
  tools: LoggedTool[],
  summary: string,
  keep: KeepLog | undefined,
  logger: Logger,
): Promise<FinishedLog | undefined> {
  if (tools.length === 0) return undefined
  const buttons = await (keep?.({ tools, summary }) ?? Promise.resolve(undefined)).catch(
    (error: unknown) => {
      logger.warn({ err: error }, 'could not keep the turn log')
      return undefined
    },
  )
  return { html: renderTurnLog({ title, summary, tools }), buttons }
}

/** Shows the log in place of progress message `messageId`, or as a quiet message when there is none. */
export async function showLog(
  outbox: Outbox,
  place: { chatId: number; threadId?: number },
  messageId: number | undefined,
  log: FinishedLog,
): Promise<void> {
  const buttons = log.buttons ? { buttons: log.buttons } : {}
  if (messageId !== undefined) return editHtml(outbox, place.chatId, messageId, log.html, buttons)
  await sendHtml(outbox, place.chatId, log.html, {
    ...buttons,
    silent: true,
    ...(place.threadId === undefined ? {} : { threadId: place.threadId }),
  })
}
