/**
 * A new session for a topic the bot does not know: one the user created in the client (its
 * forum_topic_created message), or one in which the user writes before the bot saw it created
 * (made while the bot was off, or before topics were on). Named after the topic (folded to a
 * valid, unused session name), default persona, bound to the topic. Per topic at most one
 * session is made even when its creation and a first message arrive in the same batch.
 */

import type { SessionManager, SessionMetadata } from '@switchboard/core'
import type { Logger } from '../logging/logger.js'
import type { SessionTopicsApi } from './session-topics-api.js'
import { sessionNameForTopic, withSuffix } from './topic-names.js'

/** Attempts at a free name ("name", "name-2", … "name-20") before giving up. */
const NAME_ATTEMPTS = 20

export interface TopicSession {
  meta: SessionMetadata
  /** False: the topic already had a session (bound meanwhile). */
  created: boolean
  /** Why the session's name differs from the topic's, if it does. */
  renamed?: TopicRename
}

/** The topic's name could not be the session's: folded to the session-name rules, or taken. */
export interface TopicRename {
  topicName: string
  /** The valid name it folded to, when that was taken by another session (then a suffix was added). */
  taken?: string
}

export interface TopicSessionMakerDeps {
  sessions: Pick<SessionManager, 'create' | 'get' | 'getById'>
  topics: Pick<SessionTopicsApi, 'sessionIdFor' | 'bind' | 'threadOf'>
  logger: Logger
}

export class TopicSessionMaker {
  private readonly making = new Map<string, Promise<TopicSession>>()

  constructor(private readonly deps: TopicSessionMakerDeps) {}

  /**
   * The topic's session, made now if it has none. Throws what core throws (e.g. the session limit).
   * `madeByBot`: the bot created the topic (its first message is the bot's), so it was named after
   * a session; one of that name with no topic is taken back (the bot stopped between creating the
   * topic and storing it) instead of a duplicate "name-2".
   */
  sessionFor(
    owner: string,
    chatId: number,
    threadId: number,
    topicName: string | undefined,
    madeByBot = false,
  ): Promise<TopicSession> {
    const k = `${chatId}:${threadId}`
    const pending = this.making.get(k)
    if (pending) return pending.then((made) => ({ meta: made.meta, created: false }))
    const making = this.make(owner, chatId, threadId, topicName, madeByBot).finally(() =>
      this.making.delete(k),
    )
    this.making.set(k, making)
    return making
  }

  private async make(
    owner: string,
    chatId: number,
    threadId: number,
    topicName: string | undefined,
    madeByBot: boolean,
  ): Promise<TopicSession> {
    const bound = await this.boundSession(owner, chatId, threadId)
    if (bound) return { meta: bound, created: false }
    const orphan = madeByBot ? await this.topiclessNamed(owner, chatId, topicName) : undefined
    if (orphan) {
      this.deps.logger.info({ sessionId: orphan.id, threadId }, 'topic bound to its session again')
      return { meta: await this.bindOrLog(orphan, chatId, threadId), created: false }
    }
    const base = sessionNameForTopic(topicName ?? '', threadId)
    const meta = await this.createUnique(owner, base)
    const boundMeta = await this.bindOrLog(meta, chatId, threadId)
    this.deps.logger.info(
      { sessionId: meta.id, name: meta.name, threadId },
      'session made for a topic',
    )
    const renamed = renameOf(topicName, base, meta.name)
    return { meta: boundMeta, created: true, ...(renamed === undefined ? {} : { renamed }) }
  }

  /** Binds; a failed write is logged (the binding holds in memory for this run). */
  private bindOrLog(
    meta: SessionMetadata,
    chatId: number,
    threadId: number,
  ): Promise<SessionMetadata> {
    return this.deps.topics.bind(meta, chatId, threadId).catch((error: unknown) => {
      this.deps.logger.error(
        { err: error, sessionId: meta.id },
        'could not store a session’s topic',
      )
      return meta
    })
  }

  /** The owner's session called exactly `name` that has no topic in `chatId`, if any. */
  private async topiclessNamed(
    owner: string,
    chatId: number,
    name: string | undefined,
  ): Promise<SessionMetadata | undefined> {
    if (name === undefined) return undefined
    const meta = await this.deps.sessions.get(owner, name).catch(() => undefined)
    if (!meta || meta.name !== name) return undefined
    const stored = meta.topic ?? null
    const free = stored === null || stored.chatId !== chatId
    return free && this.deps.topics.threadOf(meta, chatId) === undefined ? meta : undefined
  }

  /**
   * The session the topic is bound to, if it still exists. A binding can outlive its session (one
   * archived with damaged files keeps its topic): then the topic gets a new session instead of
   * failing every message written in it.
   */
  private async boundSession(
    owner: string,
    chatId: number,
    threadId: number,
  ): Promise<SessionMetadata | undefined> {
    const bound = this.deps.topics.sessionIdFor(owner, chatId, threadId)
    if (bound === undefined) return undefined
    try {
      return await this.deps.sessions.getById(owner, bound)
    } catch (error) {
      if ((error as { code?: string }).code !== 'SESSION_NOT_FOUND') throw error
      return undefined
    }
  }

  private async createUnique(owner: string, base: string): Promise<SessionMetadata> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.deps.sessions.create({ owner, name: withSuffix(base, attempt) })
      } catch (error) {
        const taken = (error as { code?: string }).code === 'SESSION_EXISTS'
        if (!taken || attempt >= NAME_ATTEMPTS) throw error
      }
    }
  }
}

function renameOf(
  topicName: string | undefined,
  base: string,
  name: string,
): TopicRename | undefined {
  if (topicName === undefined) return undefined
  const taken = name !== base ? { taken: base } : {}
  if (topicName.trim().toLowerCase() === name) return undefined
  return { topicName, ...taken }
}
