/**
 * Plain messages from allowed users (registered after the commands): a typed answer to an open
 * question, or a prompt for the user's active session (created as `main` on first use). Returns as
 * soon as the message is handed over; the turn runs off the handler.
 */

import type { SessionMetadata } from '@switchboard/core'
import type { Context } from 'telegraf'
import type { Message } from 'telegraf/types'
import type { BotDeps } from '../deps.js'
import type { Logger } from '../logging/logger.js'
import type { QuestionAsker } from '../permissions/ask-user-question.js'
import { ensureActiveSession } from '../sessions/active-session.js'
import type { Outbox } from '../telegram/outbox.js'
import type { ChatOrder } from './chat-order.js'
import type { SubmitOptions } from './submitter.js'
import { sendText } from './telegram-calls.js'

export interface MessageHandlerDeps {
  sessions: BotDeps['sessions']
  outbox: Outbox
  logger: Logger
  questions: Pick<QuestionAsker, 'takeTypedAnswer'>
  /** Runs each chat's messages in order, off the handler. */
  order: ChatOrder
  submit: (
    userId: number,
    chatId: number,
    text: string,
    session: SessionMetadata,
    options?: SubmitOptions,
  ) => Promise<void>
}

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
    const source = { userId: from.id, chatId: chat.id, messageId: message.message_id }
    void deps.order.run(chat.id, async () => {
      if (deps.questions.takeTypedAnswer(chat.id, from.id, text)) return
      await runPrompt(deps, source, () => Promise.resolve(text))
    })
  }
}

export interface PromptSource {
  userId: number
  chatId: number
  messageId: number
}

/**
 * Resolves the active session (creating `main` if needed, and saying so), builds the prompt in it
 * and submits it. Never throws: a failure is logged and the user told to send the message again.
 */
export async function runPrompt(
  deps: MessageHandlerDeps,
  source: PromptSource,
  buildPrompt: (session: SessionMetadata) => Promise<string>,
): Promise<void> {
  const { userId, chatId, messageId } = source
  try {
    const { meta, created } = await ensureActiveSession(deps, userId)
    if (created) {
      // Not awaited: the outbox keeps the chat's order, so it still arrives before the answer.
      void sendText(
        deps.outbox,
        chatId,
        `Created session ${meta.name} (persona ${meta.persona}) — your messages go there. /new <name> starts another one, /help shows the rest.`,
      ).catch((error: unknown) =>
        deps.logger.warn({ err: error }, 'could not announce a new session'),
      )
    }
    const prompt = await buildPrompt(meta)
    await deps.submit(userId, chatId, prompt, meta, { replyTo: messageId })
  } catch (error) {
    deps.logger.error({ err: error, userId }, 'could not run a message')
    const text =
      (error as { userMessage?: string }).userMessage ??
      `${describe(error)} Your message was not run; please send it again.`
    await sendText(deps.outbox, chatId, text, { replyTo: messageId }).catch((sendError: unknown) =>
      deps.logger.warn({ err: sendError }, 'could not tell the user a message failed'),
    )
  }
}

function describe(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error)
  return `Something went wrong: ${message.slice(0, 300)}.`
}
