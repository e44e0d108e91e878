import { mkdir } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { checkSandbox } from '@switchboard/process'
import {
  claudeEnv,
  type FakeAnthropicApi,
  type FaultProxy,
  makeTempDir,
  type Responder,
  startFakeAnthropicApi,
  startFaultProxy,
} from '@switchboard/test-utils'
import { type BotProcess, MAIN_ENTRY, spawnBot } from './bot-process.js'
import {
  type ChatMessage,
  type FakeTelegram,
  type FakeTelegramOptions,
  type FakeUser,
  startFakeTelegram,
  type Update,
} from './fakes.js'
import {
  inlineButtons,
  messageIdOf,
  type SendOptions,
  sendOptionsOf,
  tail,
  threadIdOf,
} from './harness-helpers.js'

const sandboxWorks = checkSandbox({ env: process.env }).then((check) => check.available)

/** The real Claude Code CLI installed for the process package's tests. */
export const CLAUDE_PATH = fileURLToPath(
  new URL('../../../../packages/process/node_modules/.bin/claude', import.meta.url),
)

/** Every variable the bot's config reads: blanked unless a test sets it, so a repo `.env` can't leak in. */
const CONFIG_VARIABLES = [
  'TELEGRAM_BOT_TOKEN',
  'TELEGRAM_BOT_TOKEN_FILE',
  'CREDENTIALS_DIRECTORY',
  'SWITCHBOARD_ALLOW_BYPASS',
  'SWITCHBOARD_ALLOWED_USERS',
  'TELEGRAM_API_ROOT',
  'SWITCHBOARD_DATA_DIR',
  'SWITCHBOARD_CLAUDE_PATH',
  'SWITCHBOARD_MAX_LIVE',
  'SWITCHBOARD_MAX_QUEUE',
  'SWITCHBOARD_MAX_SESSIONS',
  'SWITCHBOARD_IDLE_TIMEOUT',
  'SWITCHBOARD_PERMISSION_TIMEOUT',
  'SWITCHBOARD_STALL_TIMEOUT',
  'SWITCHBOARD_PROJECT_ROOTS',
  'SWITCHBOARD_STREAM_MODE',
  'SWITCHBOARD_SANDBOX',
  'SWITCHBOARD_PRIVATE_PATHS',
  'SWITCHBOARD_TRANSCRIBE_URL',
  'SWITCHBOARD_TRANSCRIBE_API_KEY',
  'SWITCHBOARD_TRANSCRIBE_MODEL',
  'LOG_LEVEL',
]

export interface BotHarnessOptions {
  /** The user the test plays (default id 1001, allowed). */
  user?: FakeUser
  /** Allowed user ids (default: just `user`). */
  allowedUsers?: number[]
  /** Extra or overriding environment for the bot (e.g. SWITCHBOARD_MAX_LIVE). */
  env?: Record<string, string>
  telegram?: FakeTelegramOptions
  /** Scripted model (default: the fake API's default responder). */
  responder?: Responder
  /** Entry script (default src/main.ts). */
  entry?: string
  /** Wait this long for the bot to start polling (default 30 s: the first start compiles a lot). */
  startTimeoutMs?: number
  /** Runs after the temp dirs exist and before the bot starts (e.g. to create sessions with core). */
  prepare?: (dirs: { dataDir: string; homeDir: string; scratchDir: string }) => Promise<void>
  /** Run the entry from TypeScript sources (default) or as built JavaScript (`dist/main.js`). */
  fromSource?: boolean
  /** Node's own flags before the entry (V8 flags such as `--optimize-for-size` can't go in NODE_OPTIONS). */
  nodeArgs?: string[]
  /** Put a fault proxy between the bot and the fake Telegram (`h.proxy`). */
  telegramProxy?: boolean
}

export interface BotHarness {
  telegram: FakeTelegram
  anthropic: FakeAnthropicApi
  /** The fault proxy the bot reaches Telegram through (with `telegramProxy: true`). */
  proxy: FaultProxy | undefined
  /** SWITCHBOARD_DATA_DIR of the bot. */
  dataDir: string
  /** HOME of the bot (and of the CLI it starts). */
  homeDir: string
  /** A scratch directory removed with the harness (project dirs, files for /get…). */
  scratchDir: string
  user: FakeUser
  /** The environment the bot runs with. */
  env: Record<string, string>
  /** The running bot process (replaced by restart()). */
  readonly bot: BotProcess
  /** The user (or `from`) sends a text message, in topic `threadId` if given; returns the update. */
  send(text: string, fromOrOptions?: FakeUser | SendOptions): Update
  /** The user (or `from`) writes in topic `threadId` (an open topic of their chat). */
  sendIn(threadId: number, text: string, from?: FakeUser): Update
  /**
   * The user creates a topic in the client (needs `telegram: { topics: { enabled: true,
   * usersCanCreate: true } }`); returns its message_thread_id.
   */
  createTopic(name: string, from?: FakeUser): number
  /** Presses the inline button labelled `buttonText` on a bot message (matched exactly, or by a RegExp). */
  press(messageId: number, buttonText: string | RegExp, from?: FakeUser): Update
  /** The user's private chat with the bot, or another chat; only topic `threadId` if given. */
  chat(chatId?: number, threadId?: number): ReturnType<FakeTelegram['chat']>
  lastBotMessage(chatId?: number): ChatMessage | undefined
  /**
   * The first bot message (oldest first) that satisfies `predicate`; fails early if the bot exits.
   * `threadId`: only in that topic; `threadId: null`: only outside any topic (the general view).
   */
  waitForBotMessage(
    predicate: (message: ChatMessage) => boolean,
    options?: WaitOptions,
  ): Promise<ChatMessage>
  /** The first bot message sent after `after` (an update from send(), or a message id). */
  waitForReply(
    after: Update | number,
    predicate?: (message: ChatMessage) => boolean,
    options?: WaitOptions,
  ): Promise<ChatMessage>
  /** Generic wait that fails early when the bot process exits. */
  waitFor<T>(probe: () => T | undefined | null | false, timeoutMs?: number): Promise<T>
  /** The bot's stdout + stderr (structured log lines) since it was (re)started. */
  logs(): string
  /**
   * Stops the bot with SIGTERM (or kills it) and starts it again on the same data dir; `whileDown`
   * runs in between (e.g. the user writes while the bot is down).
   */
  restart(signal?: NodeJS.Signals, whileDown?: () => void | Promise<void>): Promise<void>
  /** Sends a signal and waits for the exit; returns the exit code or signal. */
  kill(signal?: NodeJS.Signals): Promise<number | NodeJS.Signals | null>
  /** Starts another bot process with this harness's environment plus `env` (not waited for). */
  spawnExtra(env?: Record<string, string>): BotProcess
  /** Kills the bot, closes the fakes, removes temp dirs. Safe to call twice. */
  stop(): Promise<void>
}

/** Where to wait for a bot message: a chat, and a topic of it (null: outside any topic). */
export interface WaitOptions {
  chatId?: number
  threadId?: number | null
  timeoutMs?: number
}

const DEFAULT_USER: FakeUser = { id: 1001, first_name: 'Ann', username: 'ann' }

/** Fake Telegram + fake Messages API + temp dirs + the bot as a child process, ready to poll. */
export async function startBotHarness(options: BotHarnessOptions = {}): Promise<BotHarness> {
  const cleanups: (() => Promise<unknown>)[] = []
  const cleanup = async () => {
    for (const step of cleanups.splice(0).reverse()) await step().catch(() => undefined)
  }
  try {
    const telegram = await startFakeTelegram(options.telegram)
    cleanups.push(() => telegram.close())
    const proxy = options.telegramProxy ? await startFaultProxy(telegram.apiRoot) : undefined
    if (proxy) cleanups.push(() => proxy.close())
    const anthropic = await startFakeAnthropicApi(
      options.responder ? { responder: options.responder } : {},
    )
    cleanups.push(() => anthropic.close())
    const temp = await makeTempDir('switchboard-bot-e2e')
    cleanups.push(() => temp.cleanup())
    const user = options.user ?? DEFAULT_USER
    const dataDir = `${temp.path}/data`
    const homeDir = `${temp.path}/home`
    const scratchDir = `${temp.path}/scratch`
    await Promise.all([homeDir, scratchDir].map((dir) => mkdir(dir, { recursive: true })))
    await options.prepare?.({ dataDir, homeDir, scratchDir })
    const env: Record<string, string> = {
      ...Object.fromEntries(CONFIG_VARIABLES.map((name) => [name, ''])),
      ...claudeEnv({ apiUrl: anthropic.url, home: homeDir }),
      TELEGRAM_BOT_TOKEN: telegram.token,
      TELEGRAM_API_ROOT: proxy?.url ?? telegram.apiRoot,
      SWITCHBOARD_ALLOWED_USERS: (options.allowedUsers ?? [user.id]).join(','),
      SWITCHBOARD_DATA_DIR: dataDir,
      SWITCHBOARD_CLAUDE_PATH: CLAUDE_PATH,
      LOG_LEVEL: 'debug',
      // As shipped (auto) where the sandbox works; elsewhere off, so no "not sandboxed" notice
      // lands between a test's messages (test/sandbox-missing.test.ts covers that case).
      SWITCHBOARD_SANDBOX: (await sandboxWorks) ? '' : 'off',
      ...options.env,
    }
    const entry = options.entry ?? MAIN_ENTRY
    const startTimeoutMs = options.startTimeoutMs ?? 30_000
    const fromSource = options.fromSource ?? true
    let bot = spawnBot(env, entry, fromSource, options.nodeArgs)
    cleanups.push(() => bot.kill('SIGKILL'))

    const waitFor = async <T>(probe: () => T | undefined | null | false, timeoutMs = 10_000) => {
      try {
        return await telegram.waitFor(
          () => {
            const value = probe()
            if (value) return value
            if (bot.hasExited()) throw new Error('the bot process exited')
            return undefined
          },
          { timeoutMs },
        )
      } catch (error) {
        const why = error instanceof Error ? error.message : String(error)
        throw new Error(`${why}\n--- bot output ---\n${tail(bot.output())}`)
      }
    }
    const waitReady = async () => {
      await waitFor(() => telegram.isPolling(), startTimeoutMs)
    }
    await waitReady()

    const chat = (chatId = user.id, threadId?: number) => telegram.chat(chatId, threadId)
    const findMessage = (
      opts: WaitOptions,
      predicate: (m: ChatMessage) => boolean,
    ): ChatMessage | undefined => {
      const { threadId } = opts
      return chat(opts.chatId ?? user.id, threadId ?? undefined).botMessages.find(
        (m) => (threadId !== null || m.threadId === undefined) && predicate(m),
      )
    }
    let stopped = false
    const harness: BotHarness = {
      telegram,
      anthropic,
      proxy,
      dataDir,
      homeDir,
      scratchDir,
      user,
      env,
      get bot() {
        return bot
      },
      send: (text, fromOrOptions) => {
        const { from = user, threadId } = sendOptionsOf(fromOrOptions)
        return telegram.userSends(from, text, threadId === undefined ? undefined : { threadId })
      },
      sendIn: (threadId, text, from = user) => telegram.userSends(from, text, { threadId }),
      createTopic: (name, from = user) => threadIdOf(telegram.userCreatesTopic(from, name)),
      press: (messageId, buttonText, from = user) => {
        const message = chat(from.id).messages.find((m) => m.messageId === messageId)
        const buttons = inlineButtons(message?.replyMarkup)
        const button = buttons.find((b) =>
          typeof buttonText === 'string' ? b.text === buttonText : buttonText.test(b.text),
        )
        if (!button?.callback_data) {
          const labels = buttons.map((b) => b.text).join(', ') || 'none'
          throw new Error(`message ${messageId} has no button ${buttonText} (buttons: ${labels})`)
        }
        return telegram.userPresses(from, { chatId: from.id, messageId }, button.callback_data)
      },
      chat,
      lastBotMessage: (chatId = user.id) => chat(chatId).lastBotMessage,
      waitForBotMessage: (predicate, opts = {}) =>
        waitFor(() => findMessage(opts, predicate), opts.timeoutMs),
      waitForReply: (after, predicate = () => true, opts = {}) => {
        const afterId = typeof after === 'number' ? after : messageIdOf(after)
        return waitFor(
          () => findMessage(opts, (m) => m.messageId > afterId && predicate(m)),
          opts.timeoutMs,
        )
      },
      waitFor,
      logs: () => bot.output(),
      restart: async (signal = 'SIGTERM', whileDown) => {
        await bot.kill(signal)
        await waitFor(() => !telegram.isPolling(), 5_000).catch(() => undefined)
        await whileDown?.()
        bot = spawnBot(env, entry, fromSource, options.nodeArgs)
        await waitReady()
      },
      kill: (signal = 'SIGTERM') => bot.kill(signal),
      spawnExtra: (extra = {}) => {
        const other = spawnBot({ ...env, ...extra }, entry, fromSource, options.nodeArgs)
        cleanups.push(() => other.kill('SIGKILL'))
        return other
      },
      stop: async () => {
        if (stopped) return
        stopped = true
        await cleanup()
      },
    }
    return harness
  } catch (error) {
    await cleanup()
    throw error
  }
}

export { inlineButtons, type SendOptions, threadIdOf } from './harness-helpers.js'
