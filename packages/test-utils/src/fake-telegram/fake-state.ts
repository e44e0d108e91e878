import { ChatStore } from './chat-store.js'
import { FileStore } from './file-store.js'
import { FloodControl, type FloodOptions } from './flood-control.js'
import type { BotCommand, User } from './types.js'
import { UpdateQueue } from './update-queue.js'
import { type VisibleEvent, VisibleLog } from './visible-log.js'

/** One recorded Bot API call. */
export interface ApiCall {
  method: string
  params: Record<string, unknown>
  ok: boolean
  errorCode?: number
  description?: string
  /** True when the failure came from failNext, not from a rule the bot broke. */
  injected?: boolean
  at: number
}

export interface CallbackQueryRecord {
  createdAt: number
  answered: boolean
}

export interface StateOptions {
  token: string
  now: () => number
  flood?: FloodOptions | undefined
  botUsername: string
  callbackQueryTtlMs: number
  topics?: TopicsOptions | undefined
}

/** Threaded Mode of the bot (@BotFather): topics in private chats, Bot API 9.3/9.4. */
export interface TopicsOptions {
  enabled: boolean
  /** Users may create (and delete) topics themselves (default false). */
  usersCanCreate?: boolean
  /** Start in the tdlib/telegram-bot-api#847 outage (see setTopicOutage); default false. */
  outage?: boolean
}

/** Everything the fake Telegram remembers; method handlers read and change it. */
export class FakeState {
  readonly token: string
  readonly now: () => number
  readonly bot: User
  readonly chats = new ChatStore()
  readonly files = new FileStore()
  readonly updates = new UpdateQueue()
  readonly flood: FloodControl
  readonly calls: ApiCall[] = []
  readonly callbackQueries = new Map<string, CallbackQueryRecord>()
  readonly callbackQueryTtlMs: number
  /** Commands by scope+language key; `default|` is what users see by default. */
  readonly commands = new Map<string, BotCommand[]>()
  readonly profile = new Map<string, unknown>()
  readonly topics: { enabled: boolean; usersCanCreate: boolean }
  /** tdlib/telegram-bot-api#847: topic sends and createForumTopic fail while true. */
  topicOutage: boolean
  /** Every successful change of what users see, with its time. */
  readonly visible = new VisibleLog()
  webhookUrl = ''

  constructor(options: StateOptions) {
    this.token = options.token
    this.now = options.now
    this.flood = new FloodControl(options.flood, options.now)
    this.callbackQueryTtlMs = options.callbackQueryTtlMs
    this.topics = {
      enabled: options.topics?.enabled ?? false,
      usersCanCreate:
        (options.topics?.enabled ?? false) && (options.topics?.usersCanCreate ?? false),
    }
    this.topicOutage = options.topics?.outage ?? false
    this.bot = {
      id: Number(options.token.split(':')[0]),
      is_bot: true,
      first_name: 'Test Bot',
      username: options.botUsername,
    }
  }

  /** Records a change users see, stamped with the fake's clock. */
  recordVisible(event: Omit<VisibleEvent, 'at'>): void {
    this.visible.record({ at: this.now(), ...event })
  }

  /** Telegram's `date`: Unix seconds. */
  unixNow(): number {
    return Math.floor(this.now() / 1000)
  }
}
