/**
 * Start-up recovery of the inbox: what earlier runs of the bot left in each session's inbox.
 * - a turn that was running is ended in the chat: its live message is edited to say it was cut off,
 *   with Run again (no live message: the button is on the notice); the prompt stays on disk;
 * - a turn cut off earlier keeps its Run again button (re-registered), until it expires;
 * - messages that never started are handed to the pool again, in their original order;
 * - one notice per session says what happened (cut-off turns, messages running late).
 * Entries of this run are left alone. It waits only for the disk: the Telegram calls are queued in
 * the outbox, whose per-chat order puts them before the late turns' progress and answers. New
 * messages wait until it is done (Submitter's `recovered`), so they queue behind the recovered ones.
 */

import type { SessionMetadata } from '@switchboard/core'
import type { Logger } from '../logging/logger.js'
import type { Outbox } from '../telegram/outbox.js'
import { RUN_AGAIN_TTL_MS, runAgainButton, tellCutOff } from './cut-off.js'
import type { Inbox } from './inbox.js'
import type { InboxEntry } from './inbox-entry.js'
import { restartNotice, runAgainLabel } from './restart-notice.js'
import type { RunAgainOffers } from './run-again.js'
import type { Submitter } from './submitter.js'
import { sendOrLog } from './telegram-calls.js'

export interface RecoveryDeps {
  inbox: Inbox
  offers: RunAgainOffers
  submitter: Pick<Submitter, 'resume'>
  outbox: Outbox
  logger: Logger
  now?: () => number
}

/** Recovers the inbox of each of `sessions` (all of them: start-up lists them once). */
export async function recoverInbox(
  deps: RecoveryDeps,
  sessions: readonly SessionMetadata[],
): Promise<void> {
  let recovered = 0
  for (const session of sessions) {
    let entries: InboxEntry[]
    try {
      entries = await deps.inbox.store.list(session.owner, session.id)
    } catch (error) {
      deps.logger.warn({ err: error, sessionId: session.id }, 'inbox: could not read; skipped')
      continue
    }
    const earlier = entries.filter((e) => e.boot !== deps.inbox.boot)
    if (earlier.length === 0) continue
    for (const entry of earlier) deps.inbox.recall(entry)
    recovered += earlier.length
    await recoverSession(deps, session, earlier)
  }
  if (recovered > 0) deps.logger.info({ entries: recovered }, 'inbox: recovered messages')
}

async function recoverSession(
  deps: RecoveryDeps,
  session: SessionMetadata,
  entries: InboxEntry[],
): Promise<void> {
  const now = deps.now?.() ?? Date.now()
  const cut: InboxEntry[] = []
  const late: InboxEntry[] = []
  for (const entry of entries) {
    if (entry.state === 'queued') {
      late.push(entry)
      continue
    }
    if (entry.state === 'running') await deps.inbox.cut(entry, new Date(now + RUN_AGAIN_TTL_MS))
    if (!deps.offers.offer(entry)) continue // expired: dropped
    if (!entry.cut?.toldAt) cut.push(entry)
  }
  tell(deps, cut, late)
  for (const entry of late) deps.submitter.resume(entry, session, true)
}

/** Queues the edits and the notice (not awaited: Telegram may be slow or down). */
function tell(deps: RecoveryDeps, cut: InboxEntry[], late: InboxEntry[]): void {
  const { inbox } = deps
  const last = late.at(-1) ?? cut.at(-1)
  if (!last) return
  for (const entry of cut) void tellCutOff(deps, entry)
  const text = restartNotice(cut, late)
  if (text === undefined) return
  const unseen = cut.filter((e) => e.liveMessageId === undefined)
  const buttons = unseen.map((e) => [runAgainButton(e, runAgainLabel(e, unseen.length > 1))])
  const options = { threadId: last.threadId, ...(buttons.length > 0 ? { buttons } : {}) }
  void sendOrLog(deps, last.chatId, text, options, 'inbox: could not send the restart notice').then(
    (sent) => {
      if (sent !== undefined) for (const entry of unseen) inbox.told(entry)
    },
  )
}
