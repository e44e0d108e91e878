/**
 * Topic names as Telegram shows them to the bot: a message in a topic that is no reply carries the
 * topic's forum_topic_created message as reply_to_message (fake Telegram does the same). A message
 * in a topic the bot does not know yet becomes a session named after it.
 */

import type { Context } from 'telegraf'
import { threadOf } from '../telegram/chat-place.js'

const MAX_ENTRIES = 1_000

export class SeenTopicNames {
  private readonly names = new Map<string, SeenTopic>()

  /** Remembers the topic name the update's message reveals, if any. */
  note(ctx: Context): void {
    const threadId = threadOf(ctx)
    const chatId = ctx.chat?.id
    if (threadId === undefined || chatId === undefined || !ctx.message) return
    const seen = topicRootIn(ctx.message)
    if (seen === undefined) return
    const k = `${chatId}:${threadId}`
    this.names.delete(k) // re-inserted last: the oldest entry goes first when full
    this.names.set(k, seen)
    if (this.names.size > MAX_ENTRIES) {
      const oldest = this.names.keys().next().value
      if (oldest !== undefined) this.names.delete(oldest)
    }
  }

  get(chatId: number, threadId: number | undefined): string | undefined {
    return this.seen(chatId, threadId)?.name
  }

  /** The bot made the topic itself (createForumTopic): it was named after one of its sessions. */
  madeByBot(chatId: number, threadId: number | undefined): boolean {
    return this.seen(chatId, threadId)?.byBot === true
  }

  private seen(chatId: number, threadId: number | undefined): SeenTopic | undefined {
    return threadId === undefined ? undefined : this.names.get(`${chatId}:${threadId}`)
  }
}

/** A topic's name, and whether its forum_topic_created message came from a bot (ours). */
export interface SeenTopic {
  name: string
  byBot: boolean
}

/** forum_topic_created.name of the message itself or of the message it replies to. */
export function topicNameIn(message: object): string | undefined {
  return topicRootIn(message)?.name
}

/** The topic's forum_topic_created message: the message itself or the message it replies to. */
export function topicRootIn(message: object): SeenTopic | undefined {
  const own = created(message)
  if (own !== undefined) return own
  const reply = (message as { reply_to_message?: unknown }).reply_to_message
  return typeof reply === 'object' && reply !== null ? created(reply) : undefined
}

function created(message: object): SeenTopic | undefined {
  const { forum_topic_created: root, from } = message as {
    forum_topic_created?: { name?: unknown }
    from?: { is_bot?: unknown }
  }
  const name = root?.name
  if (typeof name !== 'string' || name.trim() === '') return undefined
  return { name, byBot: from?.is_bot === true }
}
