import type { MetadataRepairReport, SessionManagerOptions } from '@switchboard/core'
import type { Logger } from '../logging/logger.js'
import { escapeHtml } from '../render/html-escape.js'
import { quoteHtml } from '../render/truncate.js'
import type { Outbox } from '../telegram/outbox.js'
import { LockWaitNotices } from './lock-wait-notice.js'

/**
 * Sends a user what core healed. Core is created (and may heal, e.g. in the pool's start-up `list`)
 * before the outbox exists: notices wait for `attach`.
 */
export class NoticeSender {
  private readonly outbox = Promise.withResolvers<Outbox>()

  constructor(private readonly logger: Logger) {}

  attach(outbox: Outbox): void {
    this.outbox.resolve(outbox)
  }

  /** The private chat of an owner (the owner id is the Telegram user id), else undefined. */
  chatOf(owner: string): number | undefined {
    return /^[1-9]\d{0,15}$/.test(owner) ? Number(owner) : undefined
  }

  /** Sends an HTML notice; resolves with its message id, or undefined (logged) when it failed. */
  async send(chatId: number, html: string): Promise<number | undefined> {
    const outbox = await this.outbox.promise
    try {
      const sent = await outbox.call<{ message_id: number }>('sendMessage', {
        chat_id: chatId,
        text: html,
        parse_mode: 'HTML',
      })
      return sent.message_id
    } catch (error) {
      this.logger.warn({ err: error, chatId }, 'could not send a session notice')
      return undefined
    }
  }

  async remove(chatId: number, messageId: number): Promise<void> {
    const outbox = await this.outbox.promise
    await outbox
      .call('deleteMessage', { chat_id: chatId, message_id: messageId })
      .catch((error: unknown) =>
        this.logger.warn({ err: error, chatId }, 'could not delete a session notice'),
      )
  }
}

type HealingHandlers = Pick<
  SessionManagerOptions,
  'onLockWait' | 'onRepair' | 'onNameRepair' | 'onWorkspaceRecreated'
>

/** core's healing callbacks for the bot: each tells the session's owner once, in plain words. */
export function sessionNoticeHandlers(sender: NoticeSender, logger: Logger): HealingHandlers {
  const tell = (owner: string, html: string) => {
    const chatId = sender.chatOf(owner)
    if (chatId !== undefined) void sender.send(chatId, html)
  }
  return {
    onLockWait: new LockWaitNotices(sender, logger).onLockWait,
    onWorkspaceRecreated: ({ owner, id, name, path }) => {
      logger.warn({ owner, sessionId: id, path }, 'workspace was missing: recreated empty')
      tell(
        owner,
        `⚠️ The workspace of session <b>${escapeHtml(name)}</b> was missing (<code>${quoteHtml(path, 500)}</code>), so it was created again, empty: the files that were in it are gone. Claude’s conversation continues.`,
      )
    },
    onRepair: (report) => {
      logger.warn({ ...report, meta: undefined }, 'rebuilt a damaged metadata.json')
      tell(report.owner, describeRepair(report))
    },
    onNameRepair: (repair) => logger.warn(repair, 'restored a lost name-index entry'),
  }
}

/** What a rebuilt metadata.json recovered, and what it could not. */
export function describeRepair(report: MetadataRepairReport): string {
  const lost: string[] = []
  if (report.claudeSessionIdFrom === null)
    lost.push('Claude’s conversation (the next message starts a new one)')
  if (!report.usageRecovered) lost.push('the usage totals')
  if (report.nameFrom === 'generated') lost.push('its name')
  const kept = report.damagedFile
    ? ` The damaged file was kept as <code>${quoteHtml(report.damagedFile, 500)}</code>.`
    : ''
  const conversation =
    report.claudeSessionIdFrom === 'transcript'
      ? ' Claude’s conversation was found in its transcripts and continues.'
      : report.claudeSessionIdFrom === 'damaged-file'
        ? ' Claude’s conversation continues.'
        : ''
  return `🛠 Session <b>${escapeHtml(report.name)}</b> had a damaged metadata.json; it was rebuilt from what was left.${conversation}${lost.length > 0 ? ` Lost: ${lost.join(', ')}.` : ''}${kept}`
}
