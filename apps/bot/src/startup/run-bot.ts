import {
  PersonaLibrary,
  resolveClaudeConfigDir,
  resolveDataDir,
  SessionManager,
} from '@switchboard/core'
import { buildChildEnv, type ProcessPool, type ProcessPoolOptions } from '@switchboard/process'
import type { Telegraf } from 'telegraf'
import type { UserFromGetMe } from 'telegraf/types'
import { createApp, createBot } from '../app.js'
import type { CallbackAction } from '../callbacks/callback-actions.js'
import { CallbackStore } from '../callbacks/callback-store.js'
import { publishCommands } from '../commands/index.js'
import { formatConfigProblems } from '../config/config-problems.js'
import type { Conversation } from '../conversation/index.js'
import type { BotDeps } from '../deps.js'
import { acquireInstanceLock, type InstanceLock, InstanceLockedError } from '../instance-lock.js'
import { decideSandbox } from '../sandbox/detect-sandbox.js'
import { CHECKOUT_DIR, poolSandboxOptions } from '../sandbox/pool-sandbox.js'
import { NoticeSender, sessionNoticeHandlers } from '../sessions/session-notices.js'
import { BotUserSchema } from '../telegram/bot-api/index.js'
import { Outbox } from '../telegram/outbox.js'
import { loadPollOffset, pollOffsetPath, savePollOffset } from '../telegram/poll-offset.js'
import { Poller } from '../telegram/poller.js'
import { telegramProxy } from '../telegram/proxy-agent.js'
import { routeContextCalls } from '../telegram/routed-telegram.js'
import { directCallApi } from '../telegram/transport.js'
import { SessionTopics } from '../topics/session-topics.js'
import { createBotLogger } from './bot-logger.js'
import { type ClaudeCliState, startCliCheck } from './cli-check.js'
import { tellUsersOnce } from './cli-check-notice.js'
import { prepareDataDir } from './data-dir-check.js'
import { EXIT } from './exit-codes.js'
import { loadConfig } from './load-config.js'
import { loadEnvFileIfPresent, REPO_ENV_FILE } from './load-env-file.js'
import { BYPASS_ALLOWED_WARNING, logPersonaIssue } from './persona-issues.js'
import { watchPolling } from './polling-errors.js'
import { usePrivateUmask } from './private-umask.js'
import { readyLine } from './ready-line.js'
import { collectSecrets } from './secrets.js'
import { createShutdown } from './shutdown.js'
import { logUnhandledRejections } from './unhandled-rejections.js'
import { waitForTelegram } from './wait-for-telegram.js'

export interface RunBotOptions {
  /** The process environment (main.ts passes process.env; the `.env` file is loaded into it). */
  env: NodeJS.ProcessEnv
  /** Path of the `.env` file to load first (default the repo root's); null to skip. */
  envFile?: string | null
  createPool: (options: ProcessPoolOptions) => ProcessPool
  createConversation: (deps: BotDeps) => Conversation
}

/** Starts the bot: config, logger, lock, sessions, pool, Telegram; returns once polling has started. */
export async function runBot(options: RunBotOptions): Promise<void> {
  const { env } = options
  usePrivateUmask() // before anything is created
  if (options.envFile !== null) loadEnvFileIfPresent(options.envFile)
  const loaded = await loadConfig(env)
  if (!loaded.ok) return fail(formatConfigProblems(loaded.problems, 'see .env.example'))
  const { config, apiKey } = loaded
  const logger = createBotLogger(config, collectSecrets(env, config.TELEGRAM_BOT_TOKEN, apiKey))
  logUnhandledRejections(logger)
  for (const warning of loaded.warnings) logger.warn(warning)
  const dataDir = config.SWITCHBOARD_DATA_DIR ?? resolveDataDir(env)
  const prepared = await prepareDataDir(dataDir, config.SWITCHBOARD_DATA_DIR !== undefined)
  if (!prepared.ok) return fail(prepared.message)
  const { looseMode } = prepared
  if (looseMode !== null) {
    const mode = looseMode.toString(8).padStart(4, '0')
    logger.warn({ dataDir, mode }, 'the data directory was open to other users; it is now 0700')
  }

  let shutdown: (reason: string, code?: number) => Promise<void> = async () => {}
  let poller: Poller | undefined
  let lock: InstanceLock
  try {
    lock = await acquireInstanceLock(dataDir, (error) => {
      logger.error({ err: error }, 'lost the lock on the data directory: stopping')
      void shutdown('lock compromised', EXIT.failed)
    })
  } catch (error) {
    if (error instanceof InstanceLockedError) return fail(error.message)
    throw error
  }
  const sandbox = await decideSandbox(config.SWITCHBOARD_SANDBOX, env, logger)
  if (!sandbox.ok) {
    await lock.release()
    return fail(sandbox.message)
  }

  const allowBypassPermissions = config.SWITCHBOARD_ALLOW_BYPASS
  const personas = new PersonaLibrary({ dataDir, allowBypassPermissions })
  // core heals sessions (and waits on locks) before the outbox exists: notices bind to it later.
  const notices = new NoticeSender(logger)
  const sessions = new SessionManager({
    ...sessionNoticeHandlers(notices, logger.child({ component: 'sessions' })),
    claudeConfigDir: resolveClaudeConfigDir(env),
    dataDir,
    projectRoots: config.SWITCHBOARD_PROJECT_ROOTS,
    personas,
    maxSessionsPerOwner: config.SWITCHBOARD_MAX_SESSIONS,
    privateDirs: [CHECKOUT_DIR], // the data dir always is one
  })
  if (allowBypassPermissions) logger.warn(BYPASS_ALLOWED_WARNING)
  for (const issue of (await personas.load()).issues) logPersonaIssue(logger, issue)

  let conversation: Conversation | undefined
  const parentEnv = apiKey === undefined ? env : { ...env, ANTHROPIC_API_KEY: apiKey }
  const denyEnv = ['TELEGRAM_BOT_TOKEN', 'TELEGRAM_API_ROOT']
  // Does Claude Code run, with a key or a login? In the background, in the CLI's environment.
  const claudeCli: ClaudeCliState = {}
  const cliChecked = startCliCheck(
    {
      claudePath: config.SWITCHBOARD_CLAUDE_PATH,
      env: buildChildEnv(parentEnv, { deny: denyEnv }),
      logger,
    },
    claudeCli,
  )
  const pool = options.createPool({
    store: sessions,
    claudePath: config.SWITCHBOARD_CLAUDE_PATH,
    parentEnv,
    denyEnv,
    maxLive: config.SWITCHBOARD_MAX_LIVE,
    idleTimeoutMs: config.SWITCHBOARD_IDLE_TIMEOUT,
    permissionTimeoutMs: config.SWITCHBOARD_PERMISSION_TIMEOUT,
    stallTimeoutMs: config.SWITCHBOARD_STALL_TIMEOUT,
    sandbox: poolSandboxOptions({
      state: sandbox.state,
      config,
      dataDir,
      envFile: options.envFile === null ? null : (options.envFile ?? REPO_ENV_FILE),
    }),
    logger: logger.child({ component: 'pool' }),
    // Late-bound: the conversation needs the pool, the pool needs the conversation's handler.
    onPermissionRequest: (ref, request, signal) =>
      conversation
        ? conversation.onPermissionRequest(ref, request, signal)
        : Promise.resolve({ behavior: 'deny', message: 'The bot is still starting.' }),
  })
  const orphans = await pool.cleanupOrphans()
  if (orphans > 0) logger.info({ orphans }, 'ended Claude Code processes left by a previous run')

  const bot: Telegraf = createBot(config)
  // Late-bound: the topic service sends through the outbox and decides its lost-topic resends.
  let topics: SessionTopics | undefined
  const outbox = new Outbox({
    callApi: directCallApi(bot.telegram),
    onRetry: (event) =>
      logger.warn(
        { method: event.method, chatId: event.chatId, delayMs: event.delayMs, err: event.error },
        'retrying a Telegram call',
      ),
    threads: {
      lost: (method, payload, failure) => topics?.lost(method, payload, failure),
      delivered: (method, payload) => topics?.delivered(method, payload),
    },
  })
  notices.attach(outbox)
  topics = new SessionTopics({
    outbox,
    store: sessions,
    logger: logger.child({ component: 'topics' }),
  })
  notices.routeToTopics({ topics, sessions }) // a session's notices go to its topic
  const deps: BotDeps = {
    config,
    logger,
    sessions,
    personas,
    pool,
    outbox,
    callbacks: new CallbackStore<CallbackAction>(),
    sandbox: sandbox.state,
    topics,
    claudeCli,
    claudeConfigDir: resolveClaudeConfigDir(env),
  }
  const started = options.createConversation(deps)
  conversation = started
  createApp(deps, started, bot)
  routeContextCalls(bot, outbox) // ctx.telegram, ctx.answerCbQuery … go through the outbox too

  shutdown = createShutdown(logger, () => [
    { name: 'stop polling', run: async () => poller?.stop(), timeoutMs: 1_500 },
    { name: 'conversation', run: () => started.shutdown(2_500), timeoutMs: 2_600 },
    { name: 'pool', run: () => pool.shutdown(), timeoutMs: 4_400 },
    { name: 'outbox', run: () => outbox.idle(), timeoutMs: 500 },
    { name: 'lock', run: () => lock.release(), timeoutMs: 500 },
  ])
  // `on`, not `once`: execa re-raises the signal (killing us mid-shutdown) when it sees no listener left.
  process.on('SIGINT', () => void shutdown('SIGINT'))
  process.on('SIGTERM', () => void shutdown('SIGTERM'))

  const reachHint = { proxy: telegramProxy(config), apiRoot: config.TELEGRAM_API_ROOT }
  let botInfo: UserFromGetMe
  try {
    botInfo = await waitForTelegram(outbox, logger, { hint: reachHint })
    bot.botInfo = botInfo
    topics.configure(BotUserSchema.parse(botInfo)) // has_topics_enabled: a topic per session
  } catch (error) {
    logger.error({ err: error }, 'Telegram rejected the bot token: check TELEGRAM_BOT_TOKEN')
    return void shutdown('token rejected', EXIT.pollingRefused)
  }
  // In the background, once Telegram answers (so an outage at start logs one line per attempt): the
  // outbox retries it through later outages, and polling must not wait.
  publishCommands(deps).catch((error: unknown) =>
    logger.warn({ err: error }, 'could not register the command list with Telegram'),
  )
  // Before polling: answers an earlier run left undelivered are queued ahead of anything new.
  await started
    .recover()
    .catch((error: unknown) =>
      logger.error({ err: error }, 'could not recover what an earlier run left undelivered'),
    )
  // As Telegraf's launch() did: polling needs no webhook; pending updates are kept (not dropped).
  await outbox
    .call('deleteWebhook', { drop_pending_updates: false })
    .catch((error: unknown) => logger.warn({ err: error }, 'could not delete the webhook'))
  const offsetPath = pollOffsetPath(dataDir)
  poller = new Poller({
    outbox,
    offset: await loadPollOffset(offsetPath, botInfo.id),
    saveOffset: (offset) => savePollOffset(offsetPath, botInfo.id, offset),
    handleUpdate: (update) => bot.handleUpdate(update as never),
    logger: logger.child({ component: 'poller' }),
    reachHint,
  })
  logger.info(
    { dataDir, username: botInfo.username, tokenSource: loaded.tokenSource },
    `connected to Telegram; polling — ${readyLine({
      username: botInfo.username,
      allowedUsers: config.SWITCHBOARD_ALLOWED_USERS.size,
      topics: topics.active,
      streamMode: config.SWITCHBOARD_STREAM_MODE,
    })}`,
  )
  watchPolling(poller.run(), logger, (reason, code) => void shutdown(reason, code))
  // Owners learn that Claude Code can't answer before their first message, once per problem.
  cliChecked
    .then((check) =>
      tellUsersOnce({ outbox, logger, dataDir }, check, config.SWITCHBOARD_ALLOWED_USERS),
    )
    .catch((error: unknown) =>
      logger.warn({ err: error }, 'the start-up check of Claude Code failed'),
    )
}

/** Start-up refused: one line on stderr, exit 1 (nothing else is running yet). */
function fail(message: string): never {
  console.error(`switchboard: ${message}`)
  process.exit(EXIT.failed)
}
