import type {
  MetadataRepairReport,
  SessionManager,
  SessionManagerOptions,
  SessionMetadata,
} from '@switchboard/core'
import type { Logger } from '../logging/logger.js'
import { escapeHtml } from '../render/html-escape.js'
import { quoteHtml } from '../render/truncate.js'
import { placeOf, placeParams } from '../telegram/chat-place.js'
import type { Outbox } from '../telegram/outbox.js'
import type { SessionTopicsApi } from '../topics/session-topics-api.js'
import { LockWaitNotices } from './lock-wait-notice.js'

/** What routing notices to topics needs (the topic service exists only after getMe). */
export interface NoticeTopics {
  topics: Pick<SessionTopicsApi, 'active' | 'threadOf'>
  sessions: Pick<SessionManager, 'getById'>
}

/**
 * Sends a user what core healed. Core is created (and may heal, e.g. in the pool's start-up `list`)
 * before the outbox exists: notices wait for `attach`.
 */
export class NoticeSender {
  private readonly outbox = Promise.withResolvers<Outbox>()

  private topics: NoticeTopics | undefined

  constructor(private readonly logger: Logger) {}

  attach(outbox: Outbox): void {
    this.outbox.resolve(outbox)
  }

  /** From now on a session's notices go to its topic while topics are in use (set at start-up). */
  routeToTopics(topics: NoticeTopics): void {
    this.topics = topics
  }

  /** The private chat of an owner (the owner id is the Telegram user id), else undefined. */
  chatOf(owner: string): number | undefined {
    return /^[1-9]\d{0,15}$/.test(owner) ? Number(owner) : undefined
  }

  /** Sends an HTML notice; resolves with its message id, or undefined (logged) when it failed. */
  async send(chatId: number, html: string, threadId?: number): Promise<number | undefined> {
    const outbox = await this.outbox.promise
    try {
      const sent = await outbox.call<{ message_id: number }>('sendMessage', {
        ...placeParams(placeOf(chatId, threadId)),
        text: html,
        parse_mode: 'HTML',
      })
      return sent.message_id
    } catch (error) {
      this.logger.warn({ err: error, chatId, threadId }, 'could not send a session notice')
      return undefined
    }
  }

  /**
   * A notice about one session: in its topic when it has one and topics are in use, else (or when
   * the topic refuses it) in the owner's chat outside any topic, as before topics.
   */
  async sendAbout(
    session: { owner: string; id: string; meta?: SessionMetadata },
    html: string,
  ): Promise<number | undefined> {
    const chatId = this.chatOf(session.owner)
    if (chatId === undefined) return undefined
    const threadId = await this.topicOf(session, chatId)
    if (threadId !== undefined) {
      const sent = await this.send(chatId, html, threadId)
      if (sent !== undefined) return sent
    }
    return this.send(chatId, html)
  }

  private async topicOf(
    session: { owner: string; id: string; meta?: SessionMetadata },
    chatId: number,
  ): Promise<number | undefined> {
    const route = this.topics
    if (!route?.topics.active) return undefined
    const meta =
      session.meta ??
      (await route.sessions.getById(session.owner, session.id).catch((error: unknown) => {
        this.logger.debug({ err: error, sessionId: session.id }, 'no metadata for a notice')
        return undefined
      }))
    return meta ? route.topics.threadOf(meta, chatId) : undefined
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
  const tell = (session: { owner: string; id: string; meta?: SessionMetadata }, html: string) => {
    void sender.sendAbout(session, html)
  }
  return {
    onLockWait: new LockWaitNotices(sender, logger).onLockWait,
    onWorkspaceRecreated: ({ owner, id, name, path }) => {
      logger.warn({ owner, sessionId: id, path }, 'workspace was missing: recreated empty')
      tell(
        { owner, id },
        `⚠️ The workspace of session <b>${escapeHtml(name)}</b> was missing (<code>${quoteHtml(path, 500)}</code>), so it was created again, empty: the files that were in it are gone. Claude’s conversation continues.`,
      )
    },
    onRepair: (report) => {
      logger.warn({ ...report, meta: undefined }, 'rebuilt a damaged metadata.json')
      tell({ owner: report.owner, id: report.id, meta: report.meta }, describeRepair(report))
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
