/**
 * Plain messages from allowed users (registered after the commands): a typed answer to an open
 * question, or a prompt for the user's active session (created as `main` on first use). The handler
 * returns once the message is in the inbox on disk (so Telegram is told it was received only then),
 * never waiting for the turn, which runs off the handler. Per chat, messages are taken in order.
 */

import type { SessionMetadata } from '@switchboard/core'
import type { Context } from 'telegraf'
import type { Message } from 'telegraf/types'
import type { BotDeps } from '../deps.js'
import type { Logger } from '../logging/logger.js'
import type { QuestionAsker } from '../permissions/ask-user-question.js'
import { ensureActiveSession } from '../sessions/active-session.js'
import { type ChatPlace, placeOf, threadOf } from '../telegram/chat-place.js'
import type { Outbox } from '../telegram/outbox.js'
import type { ChatOrder } from './chat-order.js'
import { tellNotRun } from './not-run.js'
import type { Accepted, AcceptRequest } from './submitter.js'
import { sendOrLog } from './telegram-calls.js'

export interface MessageHandlerDeps {
  sessions: BotDeps['sessions']
  outbox: Outbox
  logger: Logger
  questions: Pick<QuestionAsker, 'takeTypedAnswer'>
  /** Takes each chat's messages in order. */
  order: ChatOrder
  /** Submitter.accept: resolves once the message is on disk (undefined: refused). */
  accept: (request: AcceptRequest) => Promise<Accepted | undefined>
  /**
   * The session a message goes to and where its turn answers (default: the active session, created
   * as `main` if needed, answering where the message came from). Topics replace it (topic → session).
   */
  resolveSession?: SessionResolver
}

/** A message's session, and the place its turn answers in. */
export interface ResolvedSession {
  meta: SessionMetadata
  /** True when the session was made for this message (the user is told). */
  created: boolean
  place: ChatPlace
}

export type SessionResolver = (source: PromptSource) => Promise<ResolvedSession>

/** The text of a message that is a prompt: its text or caption, unless it is a bot command. */
export function promptText(message: Message): string | undefined {
  const text = 'text' in message ? message.text : 'caption' in message ? message.caption : undefined
  if (text === undefined || text.trim() === '') return undefined
  const entities = 'entities' in message ? message.entities : undefined
  if (entities?.some((e) => e.type === 'bot_command' && e.offset === 0)) return undefined
  return text
}

/** Handler for text (and captioned media other than documents and photos). */
export function createMessageHandler(deps: MessageHandlerDeps) {
  return async (ctx: Context, next: () => Promise<void>): Promise<void> => {
    const message = ctx.message
    const from = ctx.from
    const chat = ctx.chat
    const text = message && promptText(message)
    if (!message || !from || !chat || text === undefined) return next()
    const threadId = threadOf(ctx)
    const source = { userId: from.id, chatId: chat.id, threadId, messageId: message.message_id }
    await deps.order.run(chat.id, async () => {
      if (deps.questions.takeTypedAnswer(placeOf(chat.id, threadId), from.id, text)) return
      await acceptMessage(deps, source, { prompt: text })
    })
  }
}

export interface PromptSource {
  userId: number
  chatId: number
  /** The topic the message was written in (private chats with topics). */
  threadId?: number
  messageId: number
}

/**
 * Resolves the active session (creating `main` if needed, and saying so) and accepts the message
 * into it. Never throws: a failure is logged and the user told to send the message again.
 */
export async function acceptMessage(
  deps: MessageHandlerDeps,
  source: PromptSource,
  content: Pick<AcceptRequest, 'prompt' | 'files' | 'complete' | 'askFirst'>,
): Promise<Accepted | undefined> {
  const { userId, messageId } = source
  const from = placeOf(source.chatId, source.threadId)
  try {
    const resolve = deps.resolveSession ?? ((s: PromptSource) => activeSessionOf(deps, s))
    const { meta, created, place } = await resolve(source)
    if (created) {
      // Not awaited: the outbox keeps the chat's order, so it still arrives before the answer.
      void sendOrLog(
        deps,
        place.chatId,
        `Created session ${meta.name} (persona ${meta.persona}) — your messages go there. /new <name> starts another one, /help shows the rest.`,
        { threadId: place.threadId },
        'could not announce a new session',
      )
    }
    const { chatId, threadId } = place
    return await deps.accept({
      userId,
      chatId,
      ...(threadId === undefined ? {} : { threadId }),
      session: meta,
      replyTo: messageId,
      ...content,
    })
  } catch (error) {
    deps.logger.error({ err: error, userId }, 'could not run a message')
    await tellNotRun(deps, from, messageId, error)
    return undefined
  }
}

/** Today's rule without topics: the user's active session, answering where the message came from. */
async function activeSessionOf(
  deps: Pick<MessageHandlerDeps, 'sessions'>,
  source: PromptSource,
): Promise<ResolvedSession> {
  const { meta, created } = await ensureActiveSession(deps, source.userId)
  return { meta, created, place: placeOf(source.chatId, source.threadId) }
}
