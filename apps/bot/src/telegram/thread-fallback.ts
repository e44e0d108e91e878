/**
 * Sends to a topic that Telegram says is not there ("message thread not found": the user deleted
 * it, or tdlib/telegram-bot-api#847) or is closed (TOPIC_CLOSED: its session was archived) are
 * not lost: the Outbox asks its ThreadFallback hook what to do and resends the same call outside
 * the topic, labelled with the session's name (as background answers are in the flat chat).
 */

import { escapeHtml } from '../render/html-escape.js'
import { visibleLength } from '../render/plain-text.js'
import { isThreadNotFound } from './bot-api/topic-errors.js'
import { classifyError } from './classify-error.js'
import { TelegramError } from './errors.js'

export type ThreadFailure = 'not-found' | 'closed'

/** How the Outbox goes on with a call whose topic failed. */
export type ThreadRescue =
  /** Send this payload instead (same method, no message_thread_id). */
  | { resend: Record<string, unknown> }
  /** Resolve the call with `result` without sending (a draft or chat action has no use outside). */
  | { skip: unknown }

export interface ThreadFallback {
  /** A call naming a topic failed; undefined: fail the call as usual. Must not throw. */
  lost(
    method: string,
    payload: Record<string, unknown>,
    failure: ThreadFailure,
  ): ThreadRescue | undefined
  /** A call naming a topic succeeded (so the topic exists). */
  delivered?(method: string, payload: Record<string, unknown>): void
}

/** The topic a payload names, if any. */
export function threadOfPayload(
  payload: Record<string, unknown>,
): { chatId: number; threadId: number } | undefined {
  const { chat_id: chatId, message_thread_id: threadId } = payload
  return typeof chatId === 'number' && typeof threadId === 'number'
    ? { chatId, threadId }
    : undefined
}

/** Which topic failure an error is, if any. */
export function threadFailureOf(method: string, error: unknown): ThreadFailure | undefined {
  if (isThreadNotFound(error)) return 'not-found'
  const classified = error instanceof TelegramError ? error : classifyError(method, error)
  return classified instanceof TelegramError &&
    classified.description.toUpperCase().includes('TOPIC_CLOSED')
    ? 'closed'
    : undefined
}

const TEXT_LIMIT = 4096
const CAPTION_LIMIT = 1024
const SKIPPED: Record<string, unknown> = { sendMessageDraft: true, sendChatAction: true }

/**
 * The same call outside the topic: sendMessage's text (or a file's caption) starts with the
 * label "[name]" (bold in HTML) unless that would break a limit or entity offsets; the reply
 * to the user's message is kept when it can be. Drafts and chat actions are skipped. Undefined
 * for methods that only make sense in the topic (editForumTopic, closeForumTopic, …).
 */
export function outsideThread(
  method: string,
  payload: Record<string, unknown>,
  label: string | undefined,
): ThreadRescue | undefined {
  if (method in SKIPPED) return { skip: SKIPPED[method] }
  const field = method === 'sendMessage' ? 'text' : CAPTIONED.has(method) ? 'caption' : undefined
  if (field === undefined) return undefined
  const { message_thread_id: _thread, ...rest } = payload
  const next: Record<string, unknown> = { ...rest }
  const reply = rest.reply_parameters
  if (typeof reply === 'object' && reply !== null) {
    next.reply_parameters = { ...reply, allow_sending_without_reply: true }
  }
  const labelled = label === undefined ? undefined : withLabel(rest, field, label)
  if (labelled !== undefined) next[field] = labelled
  return { resend: next }
}

const CAPTIONED = new Set(['sendDocument', 'sendPhoto'])

function withLabel(
  payload: Record<string, unknown>,
  field: 'text' | 'caption',
  label: string,
): string | undefined {
  const current = payload[field]
  if (current !== undefined && typeof current !== 'string') return undefined
  // Entity offsets would shift; the bot itself only sends HTML or plain text.
  if (payload.entities !== undefined || payload.caption_entities !== undefined) return undefined
  const mode = payload.parse_mode
  if (mode !== undefined && mode !== 'HTML') return undefined
  const html = mode === 'HTML'
  const tag = html ? `<b>${escapeHtml(`[${label}]`)}</b>` : `[${label}]`
  const text = current === undefined || current === '' ? tag : `${tag} ${current}`
  const visible = html ? visibleLength(text) : text.length
  return visible <= (field === 'text' ? TEXT_LIMIT : CAPTION_LIMIT) ? text : undefined
}
