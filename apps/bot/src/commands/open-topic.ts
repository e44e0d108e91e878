import type { SessionMetadata } from '@switchboard/core'
import type { CallbackHandler } from '../callbacks/callback-router.js'
import type { BotDeps } from '../deps.js'
import { escapeHtml } from '../render/html-escape.js'
import { placeOfUpdate, placeParams } from '../telegram/chat-place.js'
import type { CommandContext } from './command.js'
import { pressedSession } from './pressed-session.js'
import { answerCallback, sendHtml, sendHtmlLater } from './reply.js'
import { switchedText } from './switch.js'

const BUTTON_TTL_MS = 60 * 60_000
const BUTTONS_PER_ROW = 2

type Button = { text: string; callback_data: string }

/**
 * /sessions with topics: an "open" button per session. Each is its own callback group, so opening
 * one topic leaves the other buttons of the list working.
 */
export function openTopicRows(
  c: Pick<CommandContext, 'deps' | 'userId'>,
  sessions: readonly Pick<SessionMetadata, 'id' | 'name'>[],
): Button[][] {
  const buttons = sessions.map((meta) => {
    const { data } = c.deps.callbacks.create(
      c.userId,
      [{ type: 'open_topic', sessionId: meta.id }],
      BUTTON_TTL_MS,
    )
    return { text: `💬 ${meta.name}`, callback_data: data[0] ?? '' }
  })
  const rows: Button[][] = []
  for (let i = 0; i < buttons.length; i += BUTTONS_PER_ROW)
    rows.push(buttons.slice(i, i + BUTTONS_PER_ROW))
  return rows
}

/**
 * An "open" button pressed: the session's topic is made if it has none, and a short message is
 * posted in it so the client shows the topic. If Telegram refuses topics meanwhile (the bot fell
 * back to the flat chat), the button switches to the session instead, as the flat chat's do.
 */
export function openTopicCallback(deps: BotDeps): CallbackHandler<'open_topic'> {
  return async (ctx, action) => {
    const pressed = await pressedSession(deps, ctx, action.sessionId)
    if (!pressed) return
    const { query, chatId, owner, meta } = pressed
    const threadId = deps.topics.active ? await deps.topics.ensureTopic(meta, chatId) : undefined
    if (threadId === undefined) {
      await deps.sessions.switch(owner, meta.name)
      answerCallback(deps, query.id, `Switched to ${meta.name}`)
      const here = placeOfUpdate(ctx)
      sendHtmlLater(deps, chatId, switchedText(deps, meta), here ? placeParams(here) : {})
      return
    }
    answerCallback(deps, query.id, `Opened ${meta.name}`)
    await postInTopic(deps, meta, chatId, threadId)
  }
}

type SentMessage = { message_id?: number; message_thread_id?: number }

/**
 * The "write here" line in the session's topic. A topic the user deleted is only found out by
 * sending to it: the Outbox then resends the line outside it (thread-fallback.ts), the topic
 * service unbinds it, and the session gets a new topic here, as the press asked.
 */
async function postInTopic(
  deps: BotDeps,
  meta: SessionMetadata,
  chatId: number,
  threadId: number,
): Promise<void> {
  const line = `<b>${escapeHtml(meta.name)}</b> — write here to talk to it.`
  const sent = (await sendHtml(deps, chatId, line, { message_thread_id: threadId }).catch(
    (error: unknown) => deps.logger.warn({ err: error, chatId }, 'could not open a topic'),
  )) as SentMessage | undefined
  const outside = sent?.message_id !== undefined && sent.message_thread_id === undefined
  if (!outside || !deps.topics.active) return
  const fresh = await deps.topics.ensureTopic(meta, chatId)
  if (fresh === undefined || fresh === threadId) return
  deps.outbox
    .call('editMessageText', {
      chat_id: chatId,
      message_id: sent.message_id,
      text: `The topic of <b>${escapeHtml(meta.name)}</b> was gone, so it has a new one.`,
      parse_mode: 'HTML',
    })
    .catch((error: unknown) => deps.logger.warn({ err: error }, 'could not edit a message'))
  sendHtmlLater(deps, chatId, line, { message_thread_id: fresh })
}
