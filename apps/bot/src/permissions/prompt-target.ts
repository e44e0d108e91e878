/**
 * Where a question about a session goes: its owner's chat (the chat they last wrote to it from;
 * for private chats the owner's user id), with the session's name as a label when it is not the
 * owner's active session, so a prompt from a background session is never mistaken for another's.
 */

import type { SessionManager } from '@switchboard/core'
import type { SessionRef } from '@switchboard/process'
import type { CallbackAction } from '../callbacks/callback-actions.js'
import type { CallbackStore } from '../callbacks/callback-store.js'
import type { Logger } from '../logging/logger.js'
import type { ChatPlace } from '../telegram/chat-place.js'
import type { Outbox } from '../telegram/outbox.js'
import type { AuditLog } from './audit-log.js'

export interface PromptTarget {
  chatId: number
  /** The topic of the turn (private chats with topics): prompts land in the session's topic. */
  threadId?: number
  ownerUserId: number
  sessionId: string
  sessionName: string
  /** The session's working directory, so paths show relative to it. */
  cwd: string
  /** "[name]" when the session is in the background (outside its topic), else undefined. */
  label: string | undefined
}

export type ChatLookup = (ref: SessionRef) => ChatPlace | undefined

/** What the permission prompter and the question asker share. */
export interface PromptDeps {
  outbox: Outbox
  callbacks: CallbackStore<CallbackAction>
  sessions: Pick<SessionManager, 'getById' | 'active'>
  audit: AuditLog
  logger: Logger
  chatFor: ChatLookup
  /** The driver's permission timeout: how long the buttons stay valid (plus a margin). */
  timeoutMs: number
}

export async function resolvePromptTarget(
  sessions: Pick<SessionManager, 'getById' | 'active'>,
  chatFor: ChatLookup,
  ref: SessionRef,
): Promise<PromptTarget> {
  const ownerUserId = Number(ref.owner)
  const [meta, active] = await Promise.all([
    sessions.getById(ref.owner, ref.id),
    sessions.active(ref.owner).catch(() => null),
  ])
  const place = chatFor(ref) ?? { chatId: ownerUserId }
  const inItsTopic = place.threadId !== undefined
  return {
    chatId: place.chatId,
    ...(place.threadId === undefined ? {} : { threadId: place.threadId }),
    ownerUserId,
    sessionId: meta.id,
    sessionName: meta.name,
    cwd: meta.workingDirectory,
    label: inItsTopic || active?.id === meta.id ? undefined : `[${meta.name}]`,
  }
}
