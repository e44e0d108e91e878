import type { AddressInfo } from 'node:net'
import type { AudioFile } from './audio-file.js'
import { type CallStats, callStats, countCalls } from './call-stats.js'
import { type ChatView, toChatView } from './chat-view.js'
import { type Failure, FailureQueue } from './fail-next.js'
import { type ApiCall, FakeState, type TopicsOptions } from './fake-state.js'
import type { FloodOptions } from './flood-control.js'
import { createTelegramServer } from './http-server.js'
import { commandsKey } from './methods/command-scopes.js'
import type { BotCommand, FakeUser, Update } from './types.js'
import {
  type MediaGroupItem,
  type UserPlace,
  userCreatesTopic,
  userDeletesTopic,
  userPresses,
  userSends,
  userSendsDocument,
  userSendsMediaGroup,
  userSendsPhoto,
  userStopsGeneration,
} from './user-actions.js'
import { userSendsAudio, userSendsVoice, type VoiceNote } from './user-voice.js'
import type { VisibleEvent, VisibleListener } from './visible-log.js'
import { type WaitForOptions, waitFor } from './wait-for.js'

export interface FakeTelegramOptions {
  /** Bot token the fake accepts (default `123456789:TEST…`). Other tokens get 401. */
  token?: string
  /** getMe's username (default `test_bot`). */
  botUsername?: string
  /** Rate limits; `false` for a window disables it. */
  flood?: FloodOptions
  /** Clock for dates, flood windows and callback query age (default Date.now). */
  now?: () => number
  /** Age after which answerCallbackQuery fails (default 15 minutes). */
  callbackQueryTtlMs?: number
  /** Threaded Mode (Bot API 9.3/9.4): topics in private chats; off by default. */
  topics?: TopicsOptions
}

/** A running fake Bot API server and the controls tests drive it with. */
export interface FakeTelegram {
  /** For Telegraf's `telegram: { apiRoot }`. */
  apiRoot: string
  token: string
  /** `threadId`: written inside that (open) topic. */
  userSends(from: FakeUser, text: string, extra?: { replyTo?: number; threadId?: number }): Update
  /** `place.threadId`: sent inside that (open) topic. */
  userSendsDocument(
    from: FakeUser,
    file: { name: string; content: Buffer | string; mimeType?: string },
    caption?: string,
    place?: UserPlace,
  ): Update
  userSendsPhoto(from: FakeUser, content: Buffer, caption?: string, place?: UserPlace): Update
  /** A voice note (`voice`: file_id, duration, mime_type audio/ogg, file_size); getFile serves it. */
  userSendsVoice(from: FakeUser, note: VoiceNote, caption?: string, place?: UserPlace): Update
  /** An audio file (`audio`: file_id, duration, mime_type, file_size, file_name…). */
  userSendsAudio(from: FakeUser, file: AudioFile, caption?: string, place?: UserPlace): Update
  /** An album: one update per item, sharing a media_group_id; the caption goes on the first. */
  userSendsMediaGroup(
    from: FakeUser,
    items: readonly MediaGroupItem[],
    caption?: string,
    place?: UserPlace,
  ): Update[]
  userPresses(
    from: FakeUser,
    message: { chatId: number; messageId: number },
    callbackData: string,
  ): Update
  /** A topic the user creates (needs `topics.usersCanCreate`): a forum_topic_created message. */
  userCreatesTopic(from: FakeUser, name: string, iconColor?: number): Update
  /**
   * The user deletes a topic in the client (needs `topics.usersCanCreate`): it and its messages are
   * gone, and the bot gets no update; later calls with that thread fail "message thread not found".
   */
  userDeletesTopic(chatId: number, threadId: number): void
  /** The user presses Stop on a can_stop draft: a stopped_message_generation update. */
  userStopsGeneration(
    from: FakeUser,
    target: { chatId: number; threadId?: number; draftId: number },
  ): Update
  /** The chat, or only one topic of it when `threadId` is given. */
  chat(chatId: number, threadId?: number): ChatView
  /** Every API call, in the order they were answered. */
  readonly calls: readonly ApiCall[]
  /** Calls Telegram would have rejected (injected failures excluded). */
  errors(): ApiCall[]
  /** Calls of `method` answered so far (any outcome, injected faults included). */
  callCount(method: string): number
  /** 429 answers so far, of `method` or of all methods (flood control and injected 429s). */
  floodCount(method?: string): number
  /** Per method: calls, ok, errors (any non-ok), floods (429). */
  callStats(): Record<string, CallStats>
  /** Every successful send, edit and draft in the order users saw them, with the fake's time. */
  visibleEvents(): VisibleEvent[]
  /** Calls `listener` synchronously on each such change; returns the unsubscribe function. */
  onVisible(listener: VisibleListener): () => void
  /**
   * tdlib/telegram-bot-api#847 (after the Bot API 10.0 rollout): while on, every call carrying
   * message_thread_id answers 400 "message thread not found" and createForumTopic answers 400
   * "BOT_FORUM_CREATE_FORBIDDEN" (recorded as injected). Calls without a thread keep working.
   */
  setTopicOutage(on: boolean): void
  /** True while the bot holds a getUpdates long poll open. */
  isPolling(): boolean
  waitFor<T>(probe: () => T | undefined | null | false, options?: WaitForOptions): Promise<T>
  /** Commands set for the default scope and language, or for one chat's scope (`BotCommandScopeChat`). */
  commands(scope?: { chatId: number }): BotCommand[]
  /** The next `times` calls of `method` fail with `failure` instead of running. */
  failNext(method: string, failure: Failure, times?: number): void
  close(): Promise<void>
}

export const DEFAULT_TOKEN = '123456789:TEST-fake-telegram-token-0123456789ab'

/** Starts the fake on 127.0.0.1 with a random port. */
export async function startFakeTelegram(options: FakeTelegramOptions = {}): Promise<FakeTelegram> {
  const state = new FakeState({
    token: options.token ?? DEFAULT_TOKEN,
    now: options.now ?? Date.now,
    flood: options.flood,
    botUsername: options.botUsername ?? 'test_bot',
    callbackQueryTtlMs: options.callbackQueryTtlMs ?? 15 * 60 * 1000,
    topics: options.topics,
  })
  const failures = new FailureQueue()
  const server = createTelegramServer(state, failures)
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  const { port } = server.address() as AddressInfo
  const errors = () => state.calls.filter((c) => !c.ok && c.injected !== true)
  const describeErrors = () => {
    const list = errors()
      .slice(-5)
      .map((c) => `\n  ${c.method}: ${c.description}`)
    return list.length > 0 ? `; recent API errors:${list.join('')}` : ''
  }
  return {
    apiRoot: `http://127.0.0.1:${port}`,
    token: state.token,
    userSends: (from, text, extra) => userSends(state, from, text, extra),
    userSendsDocument: (from, file, caption, place) =>
      userSendsDocument(state, from, file, caption, place),
    userSendsPhoto: (from, content, caption, place) =>
      userSendsPhoto(state, from, content, caption, place),
    userSendsVoice: (from, note, caption, place) =>
      userSendsVoice(state, from, note, caption, place),
    userSendsAudio: (from, file, caption, place) =>
      userSendsAudio(state, from, file, caption, place),
    userSendsMediaGroup: (from, items, caption, place) =>
      userSendsMediaGroup(state, from, items, caption, place),
    userPresses: (from, message, data) => userPresses(state, from, message, data),
    userCreatesTopic: (from, name, iconColor) => userCreatesTopic(state, from, name, iconColor),
    userDeletesTopic: (chatId, threadId) => userDeletesTopic(state, chatId, threadId),
    userStopsGeneration: (from, target) => userStopsGeneration(state, from, target),
    chat: (chatId, threadId) => toChatView(chatId, state.chats.get(chatId), state.files, threadId),
    calls: state.calls,
    errors,
    callCount: (method) => countCalls(state.calls, method),
    floodCount: (method) => countCalls(state.calls, method, (c) => c.errorCode === 429),
    callStats: () => callStats(state.calls),
    visibleEvents: () => state.visible.events(),
    onVisible: (listener) => state.visible.listen(listener),
    setTopicOutage: (on) => {
      state.topicOutage = on
    },
    isPolling: () => state.updates.isPolling,
    waitFor: (probe, opts) => waitFor(probe, opts, describeErrors),
    commands: (scope) => [
      ...(state.commands.get(
        commandsKey(scope ? { type: 'chat', chat_id: scope.chatId } : undefined),
      ) ?? []),
    ],
    failNext: (method, failure, times = 1) => failures.add(method, failure, times),
    close: async () => {
      state.updates.release()
      await new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      })
    },
  }
}
