/**
 * "Run again" under a turn cut off by a restart. The prompt stays in the inbox (state `cut`) until
 * the button is pressed or expires. Buttons live in the in-memory CallbackStore, so each cut entry
 * keeps its button's token on disk and start-up recovery registers it again under that token: a
 * button made before any number of restarts keeps working. Pressing it puts the entry back in the
 * line as this run's message (written before it runs: a press runs the prompt exactly once).
 */

import type { SessionManager } from '@switchboard/core'
import type { Context } from 'telegraf'
import type { CallbackAction } from '../callbacks/callback-actions.js'
import type { CallbackHandler } from '../callbacks/callback-router.js'
import type { CallbackStore } from '../callbacks/callback-store.js'
import { answerCallback } from '../commands/reply.js'
import type { Logger } from '../logging/logger.js'
import type { Outbox } from '../telegram/outbox.js'
import type { Inbox } from './inbox.js'
import type { InboxEntry } from './inbox-entry.js'
import type { Submitter } from './submitter.js'

export interface RunAgainDeps {
  inbox: Inbox
  submitter: Pick<Submitter, 'resume'>
  sessions: Pick<SessionManager, 'getById'>
  callbacks: CallbackStore<CallbackAction>
  outbox: Outbox
  logger: Logger
  now?: () => number
}

interface Offer {
  entry: InboxEntry
  timer: NodeJS.Timeout
}

export class RunAgainOffers {
  private readonly offers = new Map<string, Offer>()

  constructor(private readonly deps: RunAgainDeps) {}

  /** Makes a cut entry's button work (until it expires, when the entry is dropped); false if expired. */
  offer(entry: InboxEntry): boolean {
    const cut = entry.cut
    if (!cut) return false
    const expiresAt = Date.parse(cut.expiresAt)
    const left = expiresAt - (this.deps.now?.() ?? Date.now())
    if (left <= 0) {
      void this.deps.inbox.done(entry)
      return false
    }
    const action: CallbackAction = {
      type: 'run_again',
      sessionId: entry.sessionId,
      entryId: entry.id,
    }
    this.deps.callbacks.restore(cut.token, entry.userId, [action], expiresAt)
    const timer = setTimeout(() => this.expire(entry), left)
    timer.unref()
    this.offers.set(entry.id, { entry, timer })
    return true
  }

  readonly handlePress: CallbackHandler<'run_again'> = async (ctx, action) => {
    const query = ctx.callbackQuery
    if (!query) return
    const offer = this.offers.get(action.entryId)
    if (!offer) {
      answerCallback(this.deps, query.id, 'This message was already run again, or has expired.')
      return
    }
    const { entry } = offer
    this.forget(entry)
    const session = await this.deps.sessions.getById(entry.owner, entry.sessionId).catch(() => null)
    if (!session) {
      answerCallback(this.deps, query.id, 'That session no longer exists.')
      await this.deps.inbox.done(entry)
      return
    }
    await this.deps.inbox.requeue(entry)
    this.deps.submitter.resume(entry, session, false)
    answerCallback(this.deps, query.id, 'Running it again.')
    this.removeButton(query)
  }

  /** Takes the pressed button off its message (a notice may carry other entries' buttons). */
  private removeButton(query: NonNullable<Context['callbackQuery']>): void {
    const message = query.message
    if (!message) return
    const pressed = 'data' in query ? query.data : undefined
    const rows = 'reply_markup' in message ? (message.reply_markup?.inline_keyboard ?? []) : []
    const kept = rows
      .map((row) => row.filter((b) => !('callback_data' in b) || b.callback_data !== pressed))
      .filter((row) => row.length > 0)
    this.deps.outbox
      .call('editMessageReplyMarkup', {
        chat_id: message.chat.id,
        message_id: message.message_id,
        ...(kept.length > 0 ? { reply_markup: { inline_keyboard: kept } } : {}),
      })
      .catch((error: unknown) => this.deps.logger.debug({ err: error }, 'could not remove buttons'))
  }

  private expire(entry: InboxEntry): void {
    this.forget(entry)
    void this.deps.inbox.done(entry)
  }

  private forget(entry: InboxEntry): void {
    const offer = this.offers.get(entry.id)
    if (!offer) return
    clearTimeout(offer.timer)
    this.offers.delete(entry.id)
    if (entry.cut) this.deps.callbacks.expire(entry.cut.token)
  }
}
