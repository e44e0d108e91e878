/**
 * The conversation: messages → Claude Code turns → live progress → final answers, plus permission
 * prompts, Claude's questions and uploads. `createConversation` wires the parts; app.ts registers
 * its handlers after the commands and main.ts passes `onPermissionRequest` to the pool.
 */

import { DeskLeases, resolveClaudeConfigDir, type SessionMetadata } from '@switchboard/core'
import type { PermissionDecision, PermissionRequest, SessionRef } from '@switchboard/process'
import type { Context, Telegraf } from 'telegraf'
import type { CallbackHandler } from '../callbacks/callback-router.js'
import type { BotDeps } from '../deps.js'
import { QuestionAsker } from '../permissions/ask-user-question.js'
import { ASK_USER_QUESTION_TOOL } from '../permissions/ask-user-question-input.js'
import { AuditLog } from '../permissions/audit-log.js'
import { PermissionPrompter } from '../permissions/permission-prompter.js'
import { EXIT_PLAN_MODE_TOOL, PlanApprover } from '../permissions/plan-approval.js'
import { typedReplies } from '../permissions/typed-reply.js'
import { DeskLeaseGate } from '../sessions/desk-lease-gate.js'
import { phoneTurnMarksOf } from '../sessions/phone-turn-marks.js'
import { authRetriesAllowed } from '../startup/cli-check.js'
import { SeenTopicNames } from '../topics/seen-topic-names.js'
import { createTopicResolver } from '../topics/topic-resolver.js'
import { TopicSessionMaker } from '../topics/topic-session-maker.js'
import { createUserCreatedTopicHandler } from '../topics/user-created-topic.js'
import { logTranscriber, transcriberOf } from '../voice/transcribe.js'
import { createVoiceHandler } from '../voice/voice-handler.js'
import { withVoice } from '../voice/voice-prompt.js'
import { ChatOrder } from './chat-order.js'
import { createEditHandler } from './edit-handler.js'
import { FinalDelivery } from './final-delivery.js'
import { FINAL_OUTBOX_DIR, FinalJournal } from './final-journal.js'
import { Inbox } from './inbox.js'
import { INBOX_DIR } from './inbox-entry.js'
import { recoverInbox } from './inbox-recovery.js'
import { InboxStore } from './inbox-store.js'
import { createMessageHandler, type MessageHandlerDeps } from './message-handler.js'
import { PendingFiles } from './pending-files.js'
import { RunAgainOffers } from './run-again.js'
import { poolSlotWait } from './slot-wait.js'
import { subdirsPresent } from './startup-scan.js'
import { Submitter } from './submitter.js'
import { createEarlySave, createUploadPrompt } from './upload-files.js'
import { createUploadHandler } from './upload-handler.js'

export interface Conversation {
  /** Registers text/caption/document/photo and edit handlers (after the command handlers). */
  register(bot: Telegraf<Context>): void
  /** Callback handlers for the actions it owns. */
  callbackHandlers: {
    permission: CallbackHandler<'permission'>
    answer: CallbackHandler<'answer'>
    runAgain: CallbackHandler<'run_again'>
    plan: CallbackHandler<'plan'>
  }
  /** The pool's onPermissionRequest (main.ts passes it to new ProcessPool(...)). */
  onPermissionRequest: (
    ref: SessionRef,
    request: PermissionRequest,
    signal: AbortSignal,
  ) => Promise<PermissionDecision>
  /** Runs a user's message in a session (used by the text handler, and by /new-less first messages). */
  submit(userId: number, chatId: number, text: string, session: SessionMetadata): Promise<void>
  /**
   * Start-up, once Telegram answered getMe and before polling: queues the final answers an earlier
   * run left undelivered (per chat, in order), then recovers pending user messages.
   */
  recover(): Promise<void>
  /** Stops delivering, waits for in-flight deliveries (≤ timeout); the rest stays journaled. */
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
  const journal = new FinalJournal(logger)
  const finals = new FinalDelivery({ outbox, journal, logger })
  const inboxStore = new InboxStore({ sessionDirectory, logger })
  const inbox = new Inbox({ store: inboxStore, logger })
  const transcriber = transcriberOf(config) // voice notes; undefined: not configured
  logTranscriber(logger, transcriber)
  // New messages are handed to the pool once recovery re-submitted what earlier runs left.
  let recovered!: () => void
  const recovery = new Promise<void>((resolve) => {
    recovered = resolve
  })
  // Files waiting for instructions are saved at once; their turn takes what was saved.
  const uploadDeps = {
    outbox,
    config,
    logger,
    fetch: options.fetch,
    sessionDirectory,
    early: new Map(),
  }
  const submitter: Submitter = new Submitter({
    pool,
    outbox,
    inbox,
    logger,
    maxQueue: config.SWITCHBOARD_MAX_QUEUE,
    uploadPrompt: withVoice(createUploadPrompt(uploadDeps), { ...uploadDeps, transcriber }),
    saveEarly: createEarlySave(uploadDeps),
    pending: new PendingFiles({ sessionDirectory, outbox, logger }),
    recovered: recovery,
    deskGate: new DeskLeaseGate({
      leases: new DeskLeases({ dataDir: sessions.dataDir }),
      // Who drives a session's conversation, the desk or the phone (shared with /compact).
      marks: phoneTurnMarksOf(deps),
      sessions,
      pool,
      outbox,
      logger,
      claudeConfigDir: deps.claudeConfigDir ?? resolveClaudeConfigDir(),
      isClosing: () => closing,
    }),
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
      finals,
      slotWait: poolSlotWait(pool, config.SWITCHBOARD_MAX_LIVE),
      allowRules: (ref) => pool.allowRules(ref),
      stopTurn: (ref, turnId) => pool.stop(ref, { turnId }),
      authRetriesAllowed: () => authRetriesAllowed(deps.claudeCli?.check),
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
  const plans = new PlanApprover(prompterOptions)

  const offers = new RunAgainOffers({ inbox, submitter, sessions, callbacks, outbox, logger })
  // While shutting down, messages are still accepted: they stay queued on disk for the next start.
  const accept: MessageHandlerDeps['accept'] = (request) => {
    // The user just wrote: a final waiting for their chat to be reachable again is retried now.
    finals.nudge(request.chatId)
    return submitter.accept(request)
  }
  const order = new ChatOrder()
  // Topics (a session per topic when the bot has Threaded Mode): who a message goes to.
  const { topics } = deps
  const maker = new TopicSessionMaker({ sessions, topics, logger })
  const topicNames = new SeenTopicNames()
  const resolveSession = createTopicResolver(
    { sessions, topics, maker, outbox, logger },
    (source) => topicNames.get(source.chatId, source.threadId),
    (source) => topicNames.madeByBot(source.chatId, source.threadId),
  )
  const onTopicCreated = createUserCreatedTopicHandler({
    topics,
    maker,
    names: topicNames,
    outbox,
    logger,
  })
  const handlerDeps: MessageHandlerDeps = {
    sessions,
    outbox,
    logger,
    questions: typedReplies(questions, plans),
    order,
    accept,
    resolveSession,
  }
  const onText = createMessageHandler(handlerDeps)
  const onUpload = createUploadHandler(handlerDeps)
  const onVoice = createVoiceHandler({ ...handlerDeps, transcriberConfigured: !!transcriber })
  const onEdit = createEditHandler({ outbox, logger })

  return {
    register(bot) {
      // First: a topic the user created is a new session, never a prompt.
      bot.on('message', (ctx, next) =>
        onTopicCreated(ctx, () => onVoice(ctx, () => onUpload(ctx, () => onText(ctx, next)))),
      )
      // Not awaited: the reply goes through the outbox, polling must not wait for it.
      bot.on('edited_message', (ctx) => void onEdit(ctx))
    },
    callbackHandlers: {
      permission: prompter.handlePress,
      answer: questions.handlePress,
      runAgain: offers.handlePress,
      plan: plans.handlePress,
    },
    async onPermissionRequest(ref, request, signal) {
      if (request.toolName === ASK_USER_QUESTION_TOOL) {
        const answered = await questions.ask(ref, request, signal)
        if (answered) return answered
      }
      if (request.toolName === EXIT_PLAN_MODE_TOOL) return plans.ask(ref, request, signal)
      return prompter.ask(ref, request, signal)
    },
    async submit(userId, chatId, text, session) {
      await submitter.accept({ userId, chatId, session, prompt: text })
    },
    async recover() {
      try {
        const { sessions: found, broken } = await sessions.list()
        topics.load(found) // before any message is routed: topic ↔ session from core's metadata
        const sessionDirs = found.map((s) => sessionDirectory(s.owner, s.id))
        const dirs = [...sessionDirs, ...broken.map((b) => b.path)]
        const holding = await subdirsPresent(dirs, [FINAL_OUTBOX_DIR, INBOX_DIR])
        await finals.resumePending(dirs.filter((d) => holding.get(d)?.has(FINAL_OUTBOX_DIR)))
        const withInbox = found.filter((_, i) =>
          holding.get(sessionDirs[i] as string)?.has(INBOX_DIR),
        )
        await recoverInbox({ inbox, offers, submitter, outbox, logger }, withInbox)
      } finally {
        recovered()
      }
    },
    async shutdown(timeoutMs) {
      closing = true
      logger.info({ deliveries: deliveries.size }, 'conversation: finishing deliveries')
      // Finals stop waiting for retries at once; one on the wire may still land (and be recorded).
      const stopping = finals.shutdown(timeoutMs - 100)
      const settled = Promise.allSettled([...deliveries, stopping]).then(async () => {
        await Promise.all([audit.idle(), inboxStore.idle(), journal.idle()])
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
