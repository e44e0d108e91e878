/**
 * Telegraf gives each update's context a client (`ctx.telegram`) that calls the Bot API directly.
 * This replaces it with one whose every call goes through the Outbox, so a handler using
 * `ctx.answerCbQuery()`, `ctx.reply()` or `ctx.telegram.getFileLink()` still gets pacing, retries
 * and deadlines. Telegraf's own helpers keep working on top: getFileLink runs getFile through the
 * outbox and builds the download URL from the token as Telegraf does (never log that URL).
 */

import { type Context, type Telegraf, Telegram } from 'telegraf'
import type { Outbox } from './outbox.js'

/** A Telegram client like `raw` whose calls all go through `outbox`. */
export function outboxTelegram(raw: Telegram, outbox: Pick<Outbox, 'call'>): Telegram {
  const routed = new Telegram(raw.token, raw.options)
  routed.callApi = ((method: string, payload: Record<string, unknown> | undefined) =>
    outbox.call(method, payload ?? {})) as Telegram['callApi']
  return routed
}

/** Makes `ctx.telegram` of every update the outbox-routed client. */
export function routeContextCalls(bot: Telegraf<Context>, outbox: Pick<Outbox, 'call'>): void {
  Object.assign(bot.context, { telegram: outboxTelegram(bot.telegram, outbox) })
}
