/**
 * Whether topics are in use: the bot has Threaded Mode (getMe) and no fallback to the flat chat is
 * in force. A fallback lasts an hour (then topics are tried again; a restart tries them at once):
 * Telegram's topic outages (tdlib/telegram-bot-api#847) were temporary.
 */

import type { BotUser } from '../telegram/bot-api/index.js'

/** How long the flat chat is kept after Telegram refused topics. */
export const FALLBACK_RETRY_MS = 3_600_000

export type FallbackReason = 'create-refused' | 'threads-failing'

export class TopicMode {
  private enabled = false
  private canCreate = false
  private fellBackAt: number | undefined
  private reason: FallbackReason | undefined

  constructor(private readonly now: () => number = Date.now) {}

  /** From getMe: has_topics_enabled / allows_users_to_create_topics. */
  configure(bot: Pick<BotUser, 'has_topics_enabled' | 'allows_users_to_create_topics'>): void {
    this.enabled = bot.has_topics_enabled
    this.canCreate = bot.allows_users_to_create_topics
  }

  /** Threaded Mode is on (whatever the fallback). */
  get threaded(): boolean {
    return this.enabled
  }

  get usersCanCreate(): boolean {
    return this.enabled && this.canCreate
  }

  get active(): boolean {
    if (!this.enabled) return false
    if (this.fellBackAt === undefined) return true
    if (this.now() - this.fellBackAt < FALLBACK_RETRY_MS) return false
    this.fellBackAt = undefined
    this.reason = undefined
    return true
  }

  /** Why the flat chat is in force, if it is. */
  get fallback(): FallbackReason | undefined {
    return this.active ? undefined : this.reason
  }

  /** Switches to the flat chat; true the first time (per fallback), so the caller tells the user. */
  fallBack(reason: FallbackReason): boolean {
    if (!this.enabled || this.fellBackAt !== undefined) return false
    this.fellBackAt = this.now()
    this.reason = reason
    return true
  }
}
