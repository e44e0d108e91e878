import { type Context, Telegraf } from 'telegraf'
import { allowList } from './auth/allow-list.js'
import { privateChatsOnly } from './auth/private-chats-only.js'
import { callbackRouter } from './callbacks/callback-router.js'
import { forgetRuleCallback } from './commands/allow-rules.js'
import { deleteCallback } from './commands/delete.js'
import { registerCommands } from './commands/index.js'
import { turnOutputCallback } from './commands/log.js'
import { openTopicCallback } from './commands/open-topic.js'
import { resumeConversationCallback } from './commands/resume-callback.js'
import { resumePageCallback } from './commands/resume-page-callback.js'
import { stopTurnCallback } from './commands/stop.js'
import { switchCallback } from './commands/switch.js'
import type { BotConfig } from './config/env.js'
import { generationStopHandler } from './conversation/generation-stop.js'
import type { Conversation } from './conversation/index.js'
import type { BotDeps } from './deps.js'
import { errorBoundary } from './errors/error-boundary.js'
import { freshConversationCallback } from './errors/fresh-conversation.js'
import { sandboxNotice } from './sandbox/sandbox-notice.js'
import { telegramAgent } from './telegram/proxy-agent.js'

/**
 * The poller waits for each batch of updates' handlers before it polls again, so no handler may wait
 * on a turn (those run off the handler). This only bounds a handler that hangs on disk or a lock.
 */
const HANDLER_TIMEOUT_MS = 30_000

/** The Telegraf instance, pointed at a self-hosted Bot API server when configured. */
export function createBot(config: BotConfig): Telegraf<Context> {
  const agent = telegramAgent(config) // through HTTPS_PROXY, when set
  return new Telegraf(config.TELEGRAM_BOT_TOKEN, {
    handlerTimeout: HANDLER_TIMEOUT_MS,
    telegram: {
      ...(config.TELEGRAM_API_ROOT ? { apiRoot: config.TELEGRAM_API_ROOT } : {}),
      ...(agent ? { agent } : {}),
    },
  })
}

/**
 * Wires the bot: error boundary → allow-list → private chats only → commands → button presses → conversation
 * (text, captions, documents, photos). Returns the bot, not yet launched.
 */
export function createApp(
  deps: BotDeps,
  conversation: Conversation,
  bot: Telegraf<Context> = createBot(deps.config),
): Telegraf<Context> {
  bot.use(errorBoundary(deps))
  const { logger, outbox } = deps
  bot.use(allowList({ allowedUsers: deps.config.SWITCHBOARD_ALLOWED_USERS, logger, outbox }))
  bot.use(privateChatsOnly(logger, outbox))
  bot.use(sandboxNotice(deps))
  bot.use(generationStopHandler(deps))
  registerCommands(bot, deps)
  bot.use(
    callbackRouter(deps, {
      switch: switchCallback(deps),
      open_topic: openTopicCallback(deps),
      delete: deleteCallback(deps),
      forget_rule: forgetRuleCallback(deps),
      stop_turn: stopTurnCallback(deps),
      permission: conversation.callbackHandlers.permission,
      answer: conversation.callbackHandlers.answer,
      run_again: conversation.callbackHandlers.runAgain,
      plan: conversation.callbackHandlers.plan,
      turn_output: turnOutputCallback(deps),
      fresh_conversation: freshConversationCallback(deps),
      resume_conversation: resumeConversationCallback(deps),
      resume_page: resumePageCallback(deps),
    }),
  )
  conversation.register(bot)
  // Last resort: the error boundary catches handler errors; this catches Telegraf's own (e.g. timeouts).
  bot.catch((error, ctx) =>
    deps.logger.error({ err: error, updateType: ctx.updateType }, 'unhandled error in an update'),
  )
  return bot
}
