import { findClaudeConversation } from '@switchboard/core'
import type { CallbackHandler } from '../callbacks/callback-router.js'
import type { BotDeps } from '../deps.js'
import { escapeHtml } from '../render/html-escape.js'
import { refOf } from '../sessions/session-ref.js'
import { pressedSession, settlePress } from './pressed-session.js'
import { answerCallback } from './reply.js'
import { claudeStore, conversationLine } from './resume-format.js'

/**
 * A /resume (or /new) button: the session continues that Claude Code conversation — its id is
 * remembered and the process restarted, so the next message runs with `--resume <id>`.
 */
export function resumeConversationCallback(deps: BotDeps): CallbackHandler<'resume_conversation'> {
  return async (ctx, action) => {
    const pressed = await pressedSession(deps, ctx, action.sessionId)
    if (!pressed) return
    const { query, owner, meta } = pressed
    const ref = refOf(meta)
    // A running turn would write its own conversation id back when it ends.
    const status = deps.pool.status(ref)
    if (status.running || status.queueLength > 0) {
      answerCallback(deps, query.id, `${meta.name} is answering a message: /stop it first.`)
      return
    }
    const conversation = await findClaudeConversation(
      claudeStore(),
      meta.workingDirectory,
      action.conversationId,
    )
    if (!conversation) {
      answerCallback(deps, query.id, 'That conversation is no longer in Claude Code’s store.')
      return
    }
    await deps.sessions.updateById(owner, meta.id, { claudeSessionId: conversation.id })
    await deps.pool.restart(ref)
    deps.logger.info(
      { sessionId: meta.id, was: meta.claudeSessionId, now: conversation.id },
      'resumed a Claude Code conversation',
    )
    answerCallback(deps, query.id, 'Conversation picked')
    settlePress(
      deps,
      ctx,
      pressed,
      `Session <b>${escapeHtml(meta.name)}</b> continues the conversation from ${conversationLine(conversation)}. Your next message goes on from there.`,
    )
  }
}
