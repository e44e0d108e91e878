import type { BotDeps } from '../deps.js'

/** Sends an HTML message through the outbox (so rate limits and retries apply). */
export function sendHtml(
  deps: Pick<BotDeps, 'outbox'>,
  chatId: number,
  html: string,
  extra: Record<string, unknown> = {},
): Promise<unknown> {
  return deps.outbox.call('sendMessage', {
    chat_id: chatId,
    text: html,
    parse_mode: 'HTML',
    link_preview_options: { is_disabled: true },
    ...extra,
  })
}

/** sendHtml without waiting: handlers must return fast; a failure is logged, not thrown. */
export function sendHtmlLater(
  deps: Pick<BotDeps, 'outbox' | 'logger'>,
  chatId: number,
  html: string,
  extra?: Record<string, unknown>,
): void {
  sendHtml(deps, chatId, html, extra).catch((error: unknown) =>
    deps.logger.warn({ err: error, chatId }, 'could not send a reply'),
  )
}

/** Answers a button press (the small toast); a failure (e.g. too old) is only logged. */
export function answerCallback(
  deps: Pick<BotDeps, 'outbox' | 'logger'>,
  callbackQueryId: string,
  text?: string,
): void {
  deps.outbox
    .call('answerCallbackQuery', {
      callback_query_id: callbackQueryId,
      ...(text === undefined ? {} : { text: text.slice(0, 200) }),
    })
    .catch((error: unknown) => deps.logger.debug({ err: error }, 'could not answer a button press'))
}
