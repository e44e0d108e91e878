/**
 * "Start a fresh conversation in this session": the way out of a lost conversation
 * (lost-conversation.ts). Forgets the session's Claude Code conversation id, so its next process
 * starts without `--resume`; the session's directory, files, persona and rules stay.
 */

import type { SessionMetadata } from '@switchboard/core'
import type { SessionRef } from '@switchboard/process'
import type { CallbackAction } from '../callbacks/callback-actions.js'
import type { CallbackHandler } from '../callbacks/callback-router.js'
import type { CallbackStore } from '../callbacks/callback-store.js'
import { pressedSession, settlePress } from '../commands/pressed-session.js'
import { answerCallback } from '../commands/reply.js'
import type { InlineButton } from '../conversation/telegram-calls.js'
import type { BotDeps } from '../deps.js'
import { escapeHtml } from '../render/html-escape.js'
import { refOf } from '../sessions/session-ref.js'
import { FRESH_CONVERSATION_LABEL } from './lost-conversation.js'

/** As long as a "Switch to" button: the message may be read days later. */
const FRESH_BUTTON_TTL_MS = 7 * 24 * 3_600_000

/** The button under a lost conversation's message. */
export function freshConversationButton(
  deps: { callbacks: CallbackStore<CallbackAction> },
  job: { userId: number; ref: SessionRef },
): InlineButton[][] {
  const { data } = deps.callbacks.create(
    job.userId,
    [{ type: 'fresh_conversation', sessionId: job.ref.id }],
    FRESH_BUTTON_TTL_MS,
  )
  return [[{ text: FRESH_CONVERSATION_LABEL, callback_data: data[0] ?? '' }]]
}

/**
 * Forgets the session's conversation id and restarts its process, so the next message starts a fresh
 * conversation (the old one stays in Claude Code's store). False, and nothing changed, while a turn runs:
 * it would write its conversation id back when it ends.
 */
export async function startFreshConversation(
  deps: Pick<BotDeps, 'pool' | 'sessions' | 'logger'>,
  owner: string,
  meta: Pick<SessionMetadata, 'owner' | 'id' | 'claudeSessionId'>,
): Promise<boolean> {
  const ref = refOf(meta)
  if (deps.pool.status(ref).running) return false
  await deps.sessions.updateById(owner, meta.id, { claudeSessionId: null })
  await deps.pool.restart(ref)
  deps.logger.info({ sessionId: meta.id, was: meta.claudeSessionId }, 'fresh conversation')
  return true
}

export function freshConversationCallback(deps: BotDeps): CallbackHandler<'fresh_conversation'> {
  return async (ctx, action) => {
    const pressed = await pressedSession(deps, ctx, action.sessionId)
    if (!pressed) return
    const { query, owner, meta } = pressed
    const name = escapeHtml(meta.name)
    if (!(await startFreshConversation(deps, owner, meta))) {
      answerCallback(deps, query.id, `${meta.name} is answering a message: /stop it first.`)
      return
    }
    answerCallback(deps, query.id, 'Fresh conversation')
    settlePress(
      deps,
      ctx,
      pressed,
      `Session <b>${name}</b> starts a fresh conversation with your next message. Its files and settings are kept.`,
    )
  }
}
