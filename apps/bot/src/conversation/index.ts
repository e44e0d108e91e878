/**
 * The conversation: messages → Claude Code turns → live progress → final answers, plus permission
 * prompts, Claude's questions and uploads. `createConversation` wires the parts; app.ts registers
 * its handlers after the commands and main.ts passes `onPermissionRequest` to the pool.
 */

import type { SessionMetadata } from '@switchboard/core'
import type { PermissionDecision, PermissionRequest, SessionRef } from '@switchboard/process'
import type { Context, Telegraf } from 'telegraf'
import type { CallbackHandler } from '../callbacks/callback-router.js'
import type { BotDeps } from '../deps.js'
import { QuestionAsker } from '../permissions/ask-user-question.js'
import { ASK_USER_QUESTION_TOOL } from '../permissions/ask-user-question-input.js'
import { AuditLog } from '../permissions/audit-log.js'
import { PermissionPrompter } from '../permissions/permission-prompter.js'
import { ChatOrder } from './chat-order.js'
import { createEditHandler } from './edit-handler.js'
import { InflightStore } from './inflight-store.js'
import { createMessageHandler, type MessageHandlerDeps } from './message-handler.js'
import { poolSlotWait } from './slot-wait.js'
import { Submitter } from './submitter.js'
import { sendText } from './telegram-calls.js'
import { createUploadHandler } from './upload-handler.js'

export interface Conversation {
  /** Registers text/caption/document/photo and edit handlers (after the command handlers). */
  register(bot: Telegraf<Context>): void
  /** Callback handlers for the actions it owns. */
  callbackHandlers: { permission: CallbackHandler<'permission'>; answer: CallbackHandler<'answer'> }
  /** The pool's onPermissionRequest (main.ts passes it to new ProcessPool(...)). */
  onPermissionRequest: (
    ref: SessionRef,
    request: PermissionRequest,
    signal: AbortSignal,
  ) => Promise<PermissionDecision>
  /** Runs a user's message in a session (used by the text handler, and by /new-less first messages). */
  submit(userId: number, chatId: number, text: string, session: SessionMetadata): Promise<void>
  /** Stops delivering, waits for in-flight deliveries (≤ timeout). */
  shutdown(timeoutMs: number): Promise<void>
}

/** Knobs for tests and benches; production uses the defaults. */
export interface ConversationOptions {
  /** Delay before a progress message appears (default 1 s). */
  progressDelayMs?: number
  /** Minimum interval between live updates (default StreamRenderer's). */
  liveIntervalMs?: number
  fetch?: typeof fetch
}

export function createConversation(deps: BotDeps, options: ConversationOptions = {}): Conversation {
  const { config, logger, outbox, callbacks, sessions, pool } = deps
  let closing = false
  const deliveries = new Set<Promise<unknown>>()
  const sessionDirectory = (owner: string, id: string) => sessions.sessionDirectory(owner, id)
  const audit = new AuditLog({ sessionDirectory, logger })
  const inflight = new InflightStore({ sessionDirectory, logger })
  const submitter: Submitter = new Submitter({
    pool,
    outbox,
    inflight,
    logger,
    maxQueue: config.SWITCHBOARD_MAX_QUEUE,
    runner: {
      outbox,
      sessions,
      callbacks,
      audit,
      logger,
      mode: config.SWITCHBOARD_STREAM_MODE,
      claudePath: config.SWITCHBOARD_CLAUDE_PATH,
      progressDelayMs: options.progressDelayMs,
      liveIntervalMs: options.liveIntervalMs,
      isClosing: () => closing,
      slotWait: poolSlotWait(pool, config.SWITCHBOARD_MAX_LIVE),
      trackDelivery: (delivery) => {
        deliveries.add(delivery)
        void delivery.finally(() => deliveries.delete(delivery))
      },
    },
  })
  const prompterOptions = {
    outbox,
    callbacks,
    sessions,
    audit,
    logger,
    chatFor: (ref: SessionRef) => submitter.chatFor(ref),
    timeoutMs: config.SWITCHBOARD_PERMISSION_TIMEOUT,
  }
  const prompter = new PermissionPrompter(prompterOptions)
  const questions = new QuestionAsker(prompterOptions)

  const submit: MessageHandlerDeps['submit'] = async (userId, chatId, text, session, opts) => {
    if (closing) {
      await sendText(
        outbox,
        chatId,
        'The bot is restarting; please send your message again in a minute.',
      )
      return
    }
    await submitter.submit(userId, chatId, text, session, opts)
  }
  const order = new ChatOrder()
  const handlerDeps: MessageHandlerDeps = { sessions, outbox, logger, questions, order, submit }
  const onText = createMessageHandler(handlerDeps)
  const onUpload = createUploadHandler({ ...handlerDeps, fetch: options.fetch })
  const onEdit = createEditHandler({ outbox, logger })

  return {
    register(bot) {
      bot.on('message', (ctx, next) => onUpload(ctx, () => onText(ctx, next)))
      // Not awaited: the reply goes through the outbox, polling must not wait for it.
      bot.on('edited_message', (ctx) => void onEdit(ctx))
    },
    callbackHandlers: { permission: prompter.handlePress, answer: questions.handlePress },
    async onPermissionRequest(ref, request, signal) {
      if (request.toolName === ASK_USER_QUESTION_TOOL) {
        const answered = await questions.ask(ref, request, signal)
        if (answered) return answered
      }
      return prompter.ask(ref, request, signal)
    },
    submit: (userId, chatId, text, session) => submit(userId, chatId, text, session),
    async shutdown(timeoutMs) {
      closing = true
      logger.info({ deliveries: deliveries.size }, 'conversation: finishing deliveries')
      const settled = Promise.allSettled([...deliveries]).then(async () => {
        await Promise.all([audit.idle(), inflight.idle()])
      })
      let timer: NodeJS.Timeout | undefined
      const timeout = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, timeoutMs)
      })
      await Promise.race([settled, timeout])
      clearTimeout(timer)
    },
  }
}
