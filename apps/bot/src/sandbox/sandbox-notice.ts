import type { Context, MiddlewareFn } from 'telegraf'
import type { BotDeps } from '../deps.js'
import { SANDBOX_MISSING_NOTICE } from './sandbox-state.js'

/**
 * While the sandbox is unavailable, tells each user once per run — with their first update after
 * start-up — that Claude's commands are not sandboxed here. Never delays or blocks the update.
 */
export function sandboxNotice(
  deps: Pick<BotDeps, 'sandbox' | 'outbox' | 'logger'>,
): MiddlewareFn<Context> {
  const told = new Set<number>()
  return (ctx, next) => {
    const userId = ctx.from?.id
    if (deps.sandbox.status === 'unavailable' && userId !== undefined && !told.has(userId)) {
      told.add(userId)
      deps.outbox
        .call('sendMessage', { chat_id: userId, text: `⚠️ ${SANDBOX_MISSING_NOTICE}.` })
        .catch((error: unknown) =>
          deps.logger.warn({ err: error, userId }, 'could not send the sandbox notice'),
        )
    }
    return next()
  }
}
