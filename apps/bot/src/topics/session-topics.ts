/**
 * The topic service: one topic of the owner's private chat per session, when the bot has Threaded
 * Mode (getMe has_topics_enabled). Keeps the index topic ↔ session in step with core's metadata,
 * creates/renames/closes topics through the typed Bot API layer, and — as the Outbox's
 * ThreadFallback — decides what a send to a missing topic means (thread-health.ts): the call is
 * resent outside the topic, labelled, so nothing is lost; a deleted topic unbinds its session;
 * topics failing across the board switch this run to the flat chat (said once).
 */

import type { SessionMetadata } from '@switchboard/core'
import type { Logger } from '../logging/logger.js'
import {
  type BotApiOutbox,
  type BotUser,
  closeForumTopic,
  createForumTopic,
  editForumTopic,
  isForumCreateForbidden,
  isNotAForum,
} from '../telegram/bot-api/index.js'
import {
  outsideThread,
  type ThreadFailure,
  type ThreadFallback,
  type ThreadRescue,
  threadOfPayload,
} from '../telegram/thread-fallback.js'
import type { SessionTopicsApi } from './session-topics-api.js'
import { ThreadHealth } from './thread-health.js'
import { type TopicBinding, type TopicStore, topicOf } from './topic-binding.js'
import { iconColorFor } from './topic-icon.js'
import { type TopicEntry, TopicIndex } from './topic-index.js'
import { type FallbackReason, TopicMode } from './topic-mode.js'
import { TOPICS_FAILING_NOTICE, TOPICS_REFUSED_NOTICE } from './topic-notices.js'

export interface SessionTopicsDeps {
  outbox: BotApiOutbox
  store: TopicStore
  logger: Logger
  now?: () => number
}

export class SessionTopics implements SessionTopicsApi, ThreadFallback {
  private readonly mode: TopicMode
  private readonly index = new TopicIndex()
  private readonly health = new ThreadHealth()
  /** Per session: a createForumTopic on the way (two messages must not make two topics). */
  private readonly creating = new Map<string, Promise<number | undefined>>()
  /** Topics unbound because they seemed deleted (chat:thread): bound again if the user writes there. */
  private readonly lostTopics = new Map<string, TopicEntry>()
  /** Topics closed by /delete (chat:thread → session name): a trailing answer is still labelled. */
  private readonly closedNames = new Map<string, string>()
  /** Per session: its background write of `meta.topic` (kept in order). */
  private readonly writes = new Map<string, Promise<void>>()
  /** Chats told about the flat chat this run. */
  private readonly toldFlat = new Set<number>()

  constructor(private readonly deps: SessionTopicsDeps) {
    this.mode = new TopicMode(deps.now)
  }

  /** Start-up, from getMe's answer. */
  configure(bot: Pick<BotUser, 'has_topics_enabled' | 'allows_users_to_create_topics'>): void {
    this.mode.configure(bot)
    this.deps.logger.info(
      { topics: this.mode.threaded, usersCanCreate: this.mode.usersCanCreate },
      this.mode.threaded ? 'Threaded Mode is on: a topic per session' : 'Threaded Mode is off',
    )
  }

  get active(): boolean {
    return this.mode.active
  }

  get usersCanCreate(): boolean {
    return this.mode.usersCanCreate
  }

  /** Why the flat chat is in force (undefined: topics active, or Threaded Mode off). */
  get fallback(): FallbackReason | undefined {
    return this.mode.fallback
  }

  load(sessions: readonly SessionMetadata[]): void {
    // Two sessions may claim one topic on disk (core allows it): the one used last keeps it,
    // whatever order core listed them in, and the other's stale claim is cleared.
    const claims = sessions
      .filter((meta) => topicOf(meta) !== null)
      .sort((a, b) => a.lastActiveAt.localeCompare(b.lastActiveAt) || a.id.localeCompare(b.id))
    for (const meta of claims) {
      const topic = topicOf(meta)
      if (!topic) continue
      const earlier = this.index.at(topic.chatId, topic.threadId)
      this.index.set(meta.owner, meta.id, meta.name, topic)
      if (earlier === undefined || earlier.sessionId === meta.id) continue
      this.deps.logger.warn(
        { sessionId: earlier.sessionId, keptBy: meta.id, threadId: topic.threadId },
        'two sessions claimed one topic: the one used last keeps it',
      )
      this.persist(earlier.owner, earlier.sessionId, null)
    }
    if (this.index.size > 0) this.deps.logger.debug({ topics: this.index.size }, 'topics loaded')
  }

  sessionIdFor(owner: string, chatId: number, threadId: number): string | undefined {
    const entry = this.index.at(chatId, threadId)
    return entry?.owner === owner ? entry.sessionId : undefined
  }

  /** Undefined while topics are not active: then everything goes to the flat chat. */
  threadOf(
    meta: Pick<SessionMetadata, 'id' | 'owner' | 'topic'>,
    chatId: number,
  ): number | undefined {
    // The index, not meta.topic: it is loaded from every session at start-up and kept in step,
    // while a meta the caller holds may predate an unbind.
    return this.mode.active ? this.index.ofSession(meta.id, chatId)?.threadId : undefined
  }

  async ensureTopic(meta: SessionMetadata, chatId: number): Promise<number | undefined> {
    const known = this.threadOf(meta, chatId)
    if (known !== undefined || !this.mode.active) return known
    const pending = this.creating.get(meta.id)
    if (pending) return pending
    const creating = this.createTopic(meta, chatId).finally(() => this.creating.delete(meta.id))
    this.creating.set(meta.id, creating)
    return creating
  }

  async bind(meta: SessionMetadata, chatId: number, threadId: number): Promise<SessionMetadata> {
    const topic = { chatId, threadId }
    this.index.set(meta.owner, meta.id, meta.name, topic)
    this.lostTopics.delete(key(chatId, threadId))
    return this.write(meta.owner, meta.id, topic)
  }

  async renamed(meta: SessionMetadata): Promise<void> {
    this.index.rename(meta.id, meta.name)
    if (!this.mode.threaded) return
    for (const topic of this.topicsOf(meta)) {
      await editForumTopic(this.deps.outbox, { ...topic, name: meta.name }).catch(
        (error: unknown) =>
          this.deps.logger.warn({ err: error, sessionId: meta.id }, 'could not rename a topic'),
      )
    }
  }

  async archived(meta: Pick<SessionMetadata, 'id' | 'name' | 'topic'>): Promise<void> {
    const topics = this.topicsOf(meta)
    const names = new Map(
      this.index.allOfSession(meta.id).map((e) => [key(e.chatId, e.threadId), e.name]),
    )
    this.index.removeSession(meta.id)
    for (const topic of topics) {
      const k = key(topic.chatId, topic.threadId)
      this.lostTopics.delete(k)
      this.closedNames.set(k, names.get(k) ?? meta.name)
      if (!this.mode.threaded) continue
      await closeForumTopic(this.deps.outbox, topic).catch((error: unknown) =>
        this.deps.logger.warn({ err: error, sessionId: meta.id }, 'could not close a topic'),
      )
    }
  }

  async userWrote(owner: string, chatId: number, threadId: number): Promise<string | undefined> {
    this.health.wrote(chatId, threadId)
    const bound = this.sessionIdFor(owner, chatId, threadId)
    if (bound !== undefined) return bound
    const lost = this.lostTopics.get(key(chatId, threadId))
    if (lost?.owner !== owner) return undefined
    this.lostTopics.delete(key(chatId, threadId))
    // The topic is there after all; bind it again unless the session has a new one meanwhile.
    if (this.index.ofSession(lost.sessionId, chatId) === undefined) {
      this.index.set(owner, lost.sessionId, lost.name, { chatId, threadId })
      this.persist(owner, lost.sessionId, { chatId, threadId })
    }
    return lost.sessionId
  }

  /** ThreadFallback (the Outbox): a send to a missing or closed topic. */
  lost(
    method: string,
    payload: Record<string, unknown>,
    failure: ThreadFailure,
  ): ThreadRescue | undefined {
    const where = threadOfPayload(payload)
    if (!where) return undefined
    const k = key(where.chatId, where.threadId)
    const label =
      (this.index.at(where.chatId, where.threadId) ?? this.lostTopics.get(k))?.name ??
      this.closedNames.get(k)
    const rescue = outsideThread(method, payload, label)
    if (rescue === undefined) return undefined
    this.deps.logger.warn({ method, ...where, failure }, 'topic unavailable: sent outside it')
    // Only topics of sessions count: a stale thread id (e.g. of an unbound session) says nothing.
    if (failure === 'not-found' && label !== undefined) this.judge(where.chatId, where.threadId)
    return rescue
  }

  /** ThreadFallback (the Outbox): a send to a topic went through. */
  delivered(_method: string, payload: Record<string, unknown>): void {
    const where = threadOfPayload(payload)
    if (where) this.health.delivered(where.chatId, where.threadId)
  }

  /**
   * A deleted topic unbinds its session silently (its answer arrives labelled outside, which says
   * enough; the next use from the general view makes a new topic). An outage keeps every binding.
   */
  private judge(chatId: number, threadId: number): void {
    const verdict = this.health.failed(chatId, threadId)
    if (verdict === 'outage') {
      for (const topic of this.health.takeRestorable()) this.restore(topic)
      this.fallBack('threads-failing', chatId)
      return
    }
    if (verdict !== 'deleted') return
    const entry = this.index.removeTopic(chatId, threadId)
    if (!entry) return
    this.lostTopics.set(key(chatId, threadId), entry)
    this.deps.logger.info({ sessionId: entry.sessionId, threadId }, 'topic gone: session unbound')
    this.persist(entry.owner, entry.sessionId, null)
  }

  /** A topic judged deleted that was not (an outage followed): its session is bound again. */
  private restore(topic: TopicBinding): void {
    const k = key(topic.chatId, topic.threadId)
    const entry = this.lostTopics.get(k)
    this.lostTopics.delete(k)
    if (!entry || this.index.ofSession(entry.sessionId, topic.chatId)) return
    this.index.set(entry.owner, entry.sessionId, entry.name, topic)
    this.persist(entry.owner, entry.sessionId, topic)
  }

  /** Writes a session's topic to core in the background (failures logged). */
  private persist(owner: string, sessionId: string, topic: TopicBinding | null): void {
    this.write(owner, sessionId, topic).catch((error: unknown) =>
      this.deps.logger.warn({ err: error, sessionId }, 'could not store a session’s topic'),
    )
  }

  /** Writes a session's topic to core, one write per session at a time, in the order asked. */
  private write(
    owner: string,
    sessionId: string,
    topic: TopicBinding | null,
  ): Promise<SessionMetadata> {
    const previous = this.writes.get(sessionId) ?? Promise.resolve()
    const written = previous.then(() => this.deps.store.setTopic(owner, sessionId, topic))
    const settled = written.then(
      () => undefined,
      () => undefined,
    )
    this.writes.set(sessionId, settled)
    void settled.then(() => {
      if (this.writes.get(sessionId) === settled) this.writes.delete(sessionId)
    })
    return written
  }

  private async createTopic(meta: SessionMetadata, chatId: number): Promise<number | undefined> {
    const log = { sessionId: meta.id, chatId }
    let threadId: number
    try {
      const name = meta.name
      const iconColor = iconColorFor(meta.persona)
      threadId = (await createForumTopic(this.deps.outbox, { chatId, name, iconColor }))
        .message_thread_id
    } catch (error) {
      if (isForumCreateForbidden(error) || isNotAForum(error)) {
        this.deps.logger.warn({ err: error, ...log }, 'Telegram refused a topic: flat chat')
        this.fallBack('create-refused', chatId)
      } else {
        this.deps.logger.warn({ err: error, ...log }, 'could not create a topic')
      }
      return undefined
    }
    try {
      await this.bind(meta, chatId, threadId)
    } catch (error) {
      // Still bound in memory for this run; only a restart forgets it.
      this.deps.logger.error({ err: error, ...log }, 'could not store a session’s topic')
    }
    return threadId
  }

  private fallBack(reason: FallbackReason, chatId: number): void {
    if (this.mode.fallBack(reason))
      this.deps.logger.warn({ reason }, 'topics off for now: flat chat')
    if (this.toldFlat.has(chatId)) return
    this.toldFlat.add(chatId)
    this.tell(chatId, reason === 'create-refused' ? TOPICS_REFUSED_NOTICE : TOPICS_FAILING_NOTICE)
  }

  /** A notice in the general view (never in a topic: that may be what fails). */
  private tell(chatId: number, text: string): void {
    this.deps.outbox
      .call('sendMessage', { chat_id: chatId, text, link_preview_options: { is_disabled: true } })
      .catch((error: unknown) =>
        this.deps.logger.warn({ err: error }, 'could not send a topic notice'),
      )
  }

  private topicsOf(meta: Pick<SessionMetadata, 'id' | 'topic'>): TopicBinding[] {
    const topics = this.index
      .allOfSession(meta.id)
      .map(({ chatId, threadId }) => ({ chatId, threadId }))
    const stored = topicOf(meta)
    // A stored topic the index gives to another session is that one's now (two sessions claimed
    // it on disk, or it was rebound): renaming or closing it would hit the other session.
    if (!stored) return topics
    const holder = this.index.at(stored.chatId, stored.threadId)
    const known = topics.some((t) => t.chatId === stored.chatId && t.threadId === stored.threadId)
    if (!known && (holder === undefined || holder.sessionId === meta.id)) topics.push(stored)
    return topics
  }
}

function key(chatId: number, threadId: number): string {
  return `${chatId}:${threadId}`
}
