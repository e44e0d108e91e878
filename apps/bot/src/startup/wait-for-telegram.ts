import type { UserFromGetMe } from 'telegraf/types'
import { z } from 'zod'
import type { Logger } from '../logging/logger.js'
import { exponentialBackoff } from '../telegram/backoff.js'
import { classifyError, isTokenRejected } from '../telegram/classify-error.js'
import type { Outbox } from '../telegram/outbox.js'
import { type ReachHint, unreachableLine } from '../telegram/unreachable-line.js'

const MAX_DELAY_MS = 30_000

/** getMe's answer as Telegraf's botInfo needs it (its handlers read `username` for commands). */
const BotInfo = z
  .object({
    id: z.number(),
    is_bot: z.literal(true),
    first_name: z.string(),
    username: z.string(),
    can_join_groups: z.boolean().default(false),
    can_read_all_group_messages: z.boolean().default(false),
    supports_inline_queries: z.boolean().default(false),
  })
  .loose()

export interface WaitOptions {
  /** What to suggest in the retry line (the proxy in use, if any). */
  hint?: ReachHint
  sleep?: (ms: number) => Promise<void>
  now?: () => number
}

/**
 * Calls getMe (through the outbox, with its deadline) until Telegram answers, backing off up to
 * 30 s: a bot started while the network is down (e.g. at boot) waits for it instead of exiting.
 * Each failed attempt logs one short line: why, the next attempt's time, a proxy hint (no stack:
 * it is expected). A refused token (401/404) is not retried: it throws.
 */
export async function waitForTelegram(
  outbox: Pick<Outbox, 'call'>,
  logger: Logger,
  options: WaitOptions = {},
): Promise<UserFromGetMe> {
  const sleep = options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)))
  const now = options.now ?? Date.now
  for (let attempt = 0; ; attempt++) {
    try {
      return BotInfo.parse(await outbox.call('getMe', {}, { retry: false }))
    } catch (raw) {
      const error = classifyError('getMe', raw)
      if (isTokenRejected(error)) throw error
      const delayMs = exponentialBackoff(1_000, attempt, MAX_DELAY_MS)
      const nextAt = new Date(now() + delayMs)
      logger.warn({ attempt: attempt + 1 }, unreachableLine(error, nextAt, options.hint))
      await sleep(delayMs)
    }
  }
}
