import type { CallbackAction } from '../callbacks/callback-actions.js'
import type { CallbackHandler } from '../callbacks/callback-router.js'
import { type BotDeps, ownerOf } from '../deps.js'
import { quoteHtml } from '../render/truncate.js'
import { placeOf, placeParams, threadOf } from '../telegram/chat-place.js'
import type { CommandContext } from './command.js'
import { answerCallback, sendHtmlLater } from './reply.js'

/** Rules listed (each with a Forget button) in one /status; the rest are counted. */
export const RULES_SHOWN = 10
/** A rule is quoted up to this long (exact commands can be thousands of characters). */
const RULE_QUOTE_MAX = 120
const BUTTON_TTL_MS = 60 * 60_000
const BUTTONS_PER_ROW = 5

type Button = { text: string; callback_data: string }

/** The /status lines for the session's "always" rules, and a "Forget n" button per listed rule. */
export async function allowRulesSection(
  c: Pick<CommandContext, 'deps' | 'userId'>,
  session: { owner: string; id: string },
): Promise<{ lines: string[]; rows: Button[][] }> {
  const rules = await c.deps.pool.allowRules({ owner: session.owner, id: session.id })
  if (rules.length === 0) return { lines: ['Always allowed: nothing'], rows: [] }
  const shown = rules.slice(0, RULES_SHOWN)
  const lines = [
    `Always allowed in this session (${rules.length}):`,
    ...shown.map((rule, i) => `${i + 1}. <code>${quoteHtml(rule, RULE_QUOTE_MAX)}</code>`),
  ]
  if (rules.length > shown.length)
    lines.push(`…and ${rules.length - shown.length} more (forget some to see the rest).`)
  const actions: CallbackAction[] = shown.map((rule) => ({
    type: 'forget_rule',
    sessionId: session.id,
    rule,
  }))
  const { data } = c.deps.callbacks.create(c.userId, actions, BUTTON_TTL_MS)
  const buttons = data.map((callback_data, i) => ({ text: `Forget ${i + 1}`, callback_data }))
  const rows: Button[][] = []
  for (let i = 0; i < buttons.length; i += BUTTONS_PER_ROW)
    rows.push(buttons.slice(i, i + BUTTONS_PER_ROW))
  return { lines, rows }
}

/** "Forget n" pressed: the rule leaves the session's file and its live process; the buttons go. */
export function forgetRuleCallback(deps: BotDeps): CallbackHandler<'forget_rule'> {
  return async (ctx, action) => {
    const query = ctx.callbackQuery
    const chatId = ctx.chat?.id
    if (!query || chatId === undefined) return
    const ref = { owner: ownerOf(query.from.id), id: action.sessionId }
    const rule = `<code>${quoteHtml(action.rule, RULE_QUOTE_MAX)}</code>`
    let forgotten: boolean
    try {
      forgotten = await deps.pool.forgetAllowRule(ref, action.rule)
    } catch (error) {
      deps.logger.error({ err: error, sessionId: ref.id }, 'could not forget an "always" rule')
      answerCallback(deps, query.id, 'Could not forget it.')
      sendHtmlLater(
        deps,
        chatId,
        `Could not forget ${rule}: its file could not be written.`,
        placeParams(placeOf(chatId, threadOf(ctx))),
      )
      return
    }
    deps.logger.info({ owner: ref.owner, sessionId: ref.id, forgotten }, '"always" rule forgotten')
    answerCallback(deps, query.id, forgotten ? 'Forgotten.' : 'Already gone.')
    const message = query.message
    if (message && 'reply_markup' in message && message.reply_markup) {
      deps.outbox
        .call('editMessageReplyMarkup', { chat_id: chatId, message_id: message.message_id })
        .catch((error: unknown) => deps.logger.debug({ err: error }, 'could not remove buttons'))
    }
    sendHtmlLater(
      deps,
      chatId,
      forgotten
        ? `Forgot ${rule}: Claude asks again next time. (Its Claude Code process restarts to drop the rule, after the running turn if there is one.)`
        : `${rule} was already forgotten.`,
      placeParams(placeOf(chatId, threadOf(ctx))),
    )
  }
}
