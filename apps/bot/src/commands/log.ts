/**
 * /log: the last turn's log of the session, with the full outputs (Bash) — in the message when they
 * fit, else as a text file. The "Full output" button of a turn's log sends that turn's outputs alike.
 */

import { Input } from 'telegraf'
import type { CallbackHandler } from '../callbacks/callback-router.js'
import { turnLogs } from '../conversation/turn-log-store.js'
import { type BotDeps, ownerOf } from '../deps.js'
import { escapeHtml } from '../render/html-escape.js'
import type { LoggedTool } from '../render/turn-log.js'
import {
  LOG_MAX_VISIBLE,
  renderOutputs,
  renderTurnLog,
  turnLogText,
} from '../render/turn-log-html.js'
import { type ChatPlace, placeOf, placeParams, threadOf } from '../telegram/chat-place.js'
import { activeOrExplain } from './active.js'
import type { Command } from './command.js'
import { answerCallback, sendHtmlLater } from './reply.js'

export const NO_LOG_TEXT =
  'No turn with tools to show yet: /log shows the last turn’s tools and their output.'
export const OUTPUT_GONE_TEXT = 'That turn’s output is no longer kept. /log shows the last turn’s.'

export const logCommand: Command = {
  name: 'log',
  description: 'The last turn’s tools and their full output',
  usage: '/log',
  async run(c) {
    const active = await activeOrExplain(c)
    if (!active) return
    const dir = c.deps.sessions.sessionDirectory(c.owner, active.id)
    const turn = await turnLogs.last(dir, c.deps.logger)
    if (!turn) return c.reply(NO_LOG_TEXT)
    const view = {
      title: turn.sessionName,
      summary: `${turn.summary} · ${clock(turn.at)}`,
      tools: turn.tools,
    }
    const log = renderTurnLog(view)
    const outputs = renderOutputs(turn.tools)
    const whole = outputs === undefined ? undefined : `${log}\n\n${outputs}`
    if (whole !== undefined && whole.length <= LOG_MAX_VISIBLE) return c.reply(whole)
    c.reply(log)
    if (turn.tools.some((t) => t.output !== undefined))
      sendTextFile(
        c.deps,
        c.place,
        'turn-log.txt',
        turnLogText(view),
        'The whole log, every output in full',
      )
  },
}

/** The "Full output" button: that turn's outputs, if still kept. */
export function turnOutputCallback(deps: BotDeps): CallbackHandler<'turn_output'> {
  return async (ctx, action) => {
    const query = ctx.callbackQuery
    const chatId = ctx.chat?.id
    if (!query || chatId === undefined) return
    const owner = ownerOf(query.from.id)
    const dir = deps.sessions.sessionDirectory(owner, action.sessionId)
    const turn = await turnLogs.find(dir, action.turnId, deps.logger)
    const tools = turn?.tools.filter((t) => t.output !== undefined) ?? []
    answerCallback(deps, query.id, tools.length === 0 ? OUTPUT_GONE_TEXT : undefined)
    // One press sends it (the store takes a button once): the button goes, /log stays.
    const message = query.message
    if (message && 'reply_markup' in message && message.reply_markup) {
      deps.outbox
        .call('editMessageReplyMarkup', { chat_id: chatId, message_id: message.message_id })
        .catch((error: unknown) => deps.logger.debug({ err: error }, 'could not remove buttons'))
    }
    if (!turn || tools.length === 0) return
    const place = placeOf(chatId, threadOf(ctx))
    const html = renderOutputs(tools)
    if (html !== undefined) return sendHtmlLater(deps, chatId, html, placeParams(place))
    const view = { title: turn.sessionName, summary: turn.summary, tools }
    sendTextFile(deps, place, 'output.txt', turnLogText(view), outputsCaption(tools))
  }
}

function outputsCaption(tools: LoggedTool[]): string {
  return `Full output of ${tools.length} command${tools.length === 1 ? '' : 's'}`
}

/** Sends `text` as a UTF-8 file; a failure is logged and told. */
function sendTextFile(
  deps: Pick<BotDeps, 'outbox' | 'logger'>,
  place: ChatPlace,
  name: string,
  text: string,
  caption: string,
): void {
  deps.outbox
    .call('sendDocument', {
      ...placeParams(place),
      document: Input.fromBuffer(Buffer.from(text, 'utf8'), name),
      caption: escapeHtml(caption),
      parse_mode: 'HTML',
    })
    .catch((error: unknown) => {
      deps.logger.warn({ err: error }, 'could not send the turn log file')
      sendHtmlLater(
        deps,
        place.chatId,
        `Could not send ${escapeHtml(name)}; try /log again.`,
        placeParams(place),
      )
    })
}

/** "14:02 UTC" of an ISO time. */
function clock(iso: string): string {
  const d = new Date(iso)
  return Number.isNaN(d.getTime()) ? iso : `${d.toISOString().slice(11, 16)} UTC`
}
