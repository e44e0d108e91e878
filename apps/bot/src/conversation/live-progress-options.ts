/** How a LiveProgress is set up: where it shows, for which turn, and what it reports back. */

import type { SessionRef } from '@switchboard/process'
import type { Logger } from '../logging/logger.js'
import type { LiveMode } from '../render/live-sinks.js'
import type { Outbox } from '../telegram/outbox.js'
import type { DraftIds } from './draft-ids.js'
import type { DraftRegistry } from './draft-registry.js'
import type { KeepLog } from './progress-log.js'
import type { StopButton } from './stop-button.js'

export interface LiveProgressOptions {
  outbox: Outbox
  chatId: number
  /** The topic the turn answers in (private chats with topics). */
  threadId?: number
  sessionName: string
  cwd: string
  mode: LiveMode
  /** Asked once, when the progress message is about to appear. */
  isBackground: () => Promise<boolean>
  logger: Logger
  startDelayMs?: number
  /** StreamRenderer's minimum interval between updates (default its own). */
  liveIntervalMs?: number
  /** The progress message was sent (a draft has no id): the inbox keeps it for a restart's edit. */
  onShown?: (messageId: number) => void
  /** Awaited before the progress message first appears (finals still on their way go first). */
  ready?: () => Promise<void> | undefined
  /** The turn this view shows: its draft's Stop button stops it. */
  turn?: { ref: SessionRef; turnId: string }
  /** Where drafts are registered for the Stop button (default the bot's). */
  drafts?: DraftRegistry
  /** Where draft ids come from (default the bot's). */
  draftIds?: DraftIds
  /** Keeps the finished turn's log (for /log) and gives its message's buttons. */
  keepLog?: KeepLog
  /** The edited view's Stop button (drafts have Telegram's own); it expires when the turn ends. */
  stopButton?: StopButton
}
