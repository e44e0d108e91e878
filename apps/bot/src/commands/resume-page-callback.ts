import type { CallbackHandler } from '../callbacks/callback-router.js'
import type { BotDeps } from '../deps.js'
import { pressedSession } from './pressed-session.js'
import { answerCallback } from './reply.js'
import { resumePageView } from './resume-page.js'

/** /resume's "Older ›" / "‹ Newer": the same message shows that page of the list instead. */
export function resumePageCallback(deps: BotDeps): CallbackHandler<'resume_page'> {
  return async (ctx, action) => {
    const pressed = await pressedSession(deps, ctx, action.sessionId)
    if (!pressed) return
    const { query, chatId, meta } = pressed
    const view = await resumePageView(deps, query.from.id, meta, action.page)
    answerCallback(deps, query.id)
    deps.outbox
      .call('editMessageText', {
        chat_id: chatId,
        message_id: query.message?.message_id,
        text: view.html,
        parse_mode: 'HTML',
        link_preview_options: { is_disabled: true },
        reply_markup: { inline_keyboard: view.inlineKeyboard },
      })
      .catch((error: unknown) => deps.logger.warn({ err: error }, 'could not show a /resume page'))
  }
}
