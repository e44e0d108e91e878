import type { SessionMetadata } from '@switchboard/core'
import type { CallbackHandler } from '../callbacks/callback-router.js'
import { type BotDeps, ownerOf } from '../deps.js'
import { escapeHtml } from '../render/html-escape.js'
import { sessionOfPlace } from '../sessions/active-session.js'
import { refOf } from '../sessions/session-ref.js'
import type { Command, CommandContext } from './command.js'
import { answerCallback } from './reply.js'

/** How long the Delete / Cancel buttons stay valid. */
const CONFIRM_TTL_MS = 10 * 60_000

export const deleteCommand: Command = {
  name: 'delete',
  description: 'Archive a session (asks first)',
  usage: '/delete <name>',
  example: '/delete homelab',
  async run(c) {
    const [name] = c.args
    if (c.args.length > 1) return c.usage('Name the session to delete; /sessions lists them.')
    // Inside a session's topic, /delete alone means that session.
    const meta = name ? await sessionToDelete(c.deps, c.owner, name) : await topicSession(c)
    if (!meta) return c.usage('Name the session to delete; /sessions lists them.')
    const { data } = c.deps.callbacks.create(
      c.userId,
      [
        { type: 'delete', sessionId: meta.id, confirm: true },
        { type: 'delete', sessionId: meta.id, confirm: false },
      ],
      CONFIRM_TTL_MS,
    )
    const [yes = '', no = ''] = data
    c.reply(
      `Delete session <b>${escapeHtml(meta.name)}</b>? Its process is stopped and its files move to the archive (nothing is erased).`,
      {
        reply_markup: {
          inline_keyboard: [
            [
              { text: 'Delete', callback_data: yes },
              { text: 'Cancel', callback_data: no },
            ],
          ],
        },
      },
    )
  },
}

/** Delete / Cancel pressed: stop the session's process, archive it, and say where it went. */
export function deleteCallback(deps: BotDeps): CallbackHandler<'delete'> {
  return async (ctx, action) => {
    const query = ctx.callbackQuery
    const chatId = ctx.chat?.id
    if (!query || chatId === undefined || !query.message) return
    const owner = ownerOf(query.from.id)
    const edit = (html: string) =>
      deps.outbox
        .call('editMessageText', {
          chat_id: chatId,
          message_id: query.message?.message_id,
          text: html,
          parse_mode: 'HTML',
        })
        .catch((error: unknown) => deps.logger.warn({ err: error }, 'could not edit a message'))
    // `full`: the metadata (its topic is closed after archiving); absent for damaged files.
    let meta: { id: string; owner: string; name: string; damaged?: true; full?: SessionMetadata }
    try {
      const full = await deps.sessions.getById(owner, action.sessionId)
      meta = { ...full, full }
    } catch (error) {
      const code = (error as { code?: unknown }).code
      if (code === 'SESSION_CORRUPT') {
        // Too damaged to rebuild (e.g. unreadable): archive it by id, as it is.
        meta = { id: action.sessionId, owner, name: 'with damaged files', damaged: true }
      } else if (code === 'SESSION_NOT_FOUND') {
        answerCallback(deps, query.id, 'Already gone.')
        void edit('That session no longer exists.')
        return
      } else throw error
    }
    const name = escapeHtml(meta.name)
    if (!action.confirm) {
      answerCallback(deps, query.id, 'Kept.')
      void edit(`Kept session <b>${name}</b>.`)
      return
    }
    answerCallback(deps, query.id, `Deleting ${meta.name}…`)
    await stopProcess(deps, meta)
    const archived = meta.damaged
      ? await deps.sessions.deleteById(owner, meta.id)
      : await deps.sessions.delete(owner, meta.name)
    deps.logger.info({ owner, sessionId: meta.id, archived }, 'session archived')
    // Edited before its topic closes: the confirmation may sit in that very topic.
    await edit(
      `Deleted session <b>${name}</b>. Its files are in <code>${escapeHtml(archived)}</code>.`,
    )
    // A damaged session's topic is known to the topic index only (its metadata was unreadable).
    await deps.topics.archived(meta.full ?? { id: meta.id, name: meta.name, topic: null })
  }
}

/** The session of the topic the command was sent in, if it is one's. */
async function topicSession(c: CommandContext): Promise<{ id: string; name: string } | null> {
  const found = await sessionOfPlace(c.deps, c.owner, c.place)
  return found.kind === 'topic' ? found.meta : null
}

/**
 * The session /delete asks about. Damaged metadata is rebuilt on the way (core); one that can't be
 * rebuilt is still offered for archiving under the name the user gave, never "/delete it" again.
 */
async function sessionToDelete(
  deps: Pick<BotDeps, 'sessions'>,
  owner: string,
  name: string,
): Promise<{ id: string; name: string }> {
  try {
    return await deps.sessions.get(owner, name)
  } catch (error) {
    const sessionId = (error as { code?: unknown; sessionId?: unknown }).sessionId
    if ((error as { code?: unknown }).code !== 'SESSION_CORRUPT' || typeof sessionId !== 'string')
      throw error
    return { id: sessionId, name: name.toLowerCase() }
  }
}

/** Ends the session's process before its directory moves; an idle session has none to end. */
async function stopProcess(
  deps: Pick<BotDeps, 'pool'>,
  meta: { owner: string; id: string },
): Promise<void> {
  try {
    await deps.pool.suspend(refOf(meta))
  } catch (error) {
    if ((error as { code?: unknown }).code !== 'INVALID_TRANSITION') throw error
  }
}
