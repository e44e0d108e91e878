import type { Context } from 'telegraf'
import type { CallbackAction } from '../callbacks/callback-actions.js'
import type { Logger } from '../logging/logger.js'

/** A handler for presses of one kind of button (same shape as the router's CallbackHandler). */
export type ActionHandler<T extends CallbackAction['type']> = (
  ctx: Context,
  action: Extract<CallbackAction, { type: T }>,
) => Promise<void>

/** The toast shown for a press of a button whose question is already settled. */
export const EXPIRED_TEXT = 'This request has expired.'

/**
 * Answers the press (the small toast; Telegram keeps a spinner on the button until then). A failure
 * here (e.g. the query is too old) changes nothing about the decision, so it is only logged.
 */
export async function answerPress(ctx: Context, text: string, logger: Logger): Promise<void> {
  try {
    await ctx.answerCbQuery(text.slice(0, 200))
  } catch (error) {
    logger.debug({ err: error }, 'could not answer a callback query')
  }
}
