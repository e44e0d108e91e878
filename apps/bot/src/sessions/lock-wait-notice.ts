import type { LockWait } from '@switchboard/core'
import type { Logger } from '../logging/logger.js'
import type { NoticeSender } from './session-notices.js'

export const LOCK_WAIT_TEXT = '⏳ Waiting for another operation on your sessions…'

interface OwnerWait {
  waits: number
  /** The notice's message id once Telegram confirmed it (the send is still running while pending). */
  message: Promise<number | undefined>
}

/**
 * core's onLockWait for the bot: when a wait for one of a user's locks passes a second, the user
 * gets one notice (however many waits overlap), and it is deleted once the last wait ended.
 */
export class LockWaitNotices {
  private readonly owners = new Map<string, OwnerWait>()

  constructor(
    private readonly sender: NoticeSender,
    private readonly logger: Logger,
  ) {}

  /** A wait began (past core's notice delay); the returned function ends it. */
  readonly onLockWait = (wait: LockWait): (() => void) | undefined => {
    const chatId = this.sender.chatOf(wait.owner)
    this.logger.info({ owner: wait.owner, sessionId: wait.sessionId }, 'waiting for a lock')
    if (chatId === undefined) return undefined
    const current = this.owners.get(wait.owner)
    if (current) current.waits += 1
    else
      this.owners.set(wait.owner, { waits: 1, message: this.sender.send(chatId, LOCK_WAIT_TEXT) })
    let ended = false
    return () => {
      if (ended) return
      ended = true
      void this.end(wait.owner, chatId)
    }
  }

  private async end(owner: string, chatId: number): Promise<void> {
    const current = this.owners.get(owner)
    if (!current) return
    current.waits -= 1
    if (current.waits > 0) return
    this.owners.delete(owner)
    const messageId = await current.message
    if (messageId !== undefined) await this.sender.remove(chatId, messageId)
  }
}
