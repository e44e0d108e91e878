import type { Context, MiddlewareFn } from 'telegraf'
import { answerCallback } from '../commands/reply.js'
import type { BotDeps } from '../deps.js'
import type { CallbackAction, CallbackActionType } from './callback-actions.js'

/**
 * Handles one kind of button press; must answer the callback query (answerCbQuery) itself. `group` is
 * the pressed button's group, consumed by the press (a handler may restore it to keep the button).
 */
export type CallbackHandler<T extends CallbackAction['type']> = (
  ctx: Context,
  action: Extract<CallbackAction, { type: T }>,
  group: string,
) => Promise<void>

export type CallbackHandlers = { [T in CallbackActionType]: CallbackHandler<T> }

export const EXPIRED_TEXT = 'This button has expired.'
export const NOT_YOURS_TEXT = 'These buttons are not yours.'

/**
 * Resolves a button press through the CallbackStore and dispatches it by action type. Stale,
 * repeated or malformed presses get "expired", someone else's buttons "not yours"; other updates
 * pass on to the next middleware.
 */
export function callbackRouter(
  deps: Pick<BotDeps, 'callbacks' | 'outbox' | 'logger'>,
  handlers: CallbackHandlers,
): MiddlewareFn<Context> {
  return async (ctx, next) => {
    const query = ctx.callbackQuery
    if (!query) return next()
    const data = 'data' in query ? query.data : undefined
    const taken = deps.callbacks.take(data, query.from.id)
    if (!taken.ok) {
      answerCallback(deps, query.id, taken.reason === 'not_owner' ? NOT_YOURS_TEXT : EXPIRED_TEXT)
      return
    }
    const action = taken.action
    deps.logger.debug({ userId: query.from.id, action: action.type }, 'button pressed')
    await (handlers[action.type] as CallbackHandler<typeof action.type>)(ctx, action, taken.group)
  }
}
