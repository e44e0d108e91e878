import type { Context, Telegraf } from 'telegraf'
import type { Logger } from '../logging/logger.js'

const MAX_DELAY_MS = 30_000

/**
 * Calls getMe until Telegram answers, backing off up to 30 s: a bot started while the network is
 * down (e.g. at boot) waits for it instead of exiting. A refused token (401) is not retried.
 * Telegraf keeps the answer (botInfo), so launch() does not ask again.
 */
export async function waitForTelegram(bot: Telegraf<Context>, logger: Logger): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      bot.botInfo = await bot.telegram.getMe()
      return
    } catch (error) {
      const code = (error as { response?: { error_code?: unknown } }).response?.error_code
      if (code === 401 || code === 404) throw error
      const delayMs = Math.min(MAX_DELAY_MS, 1_000 * 2 ** attempt)
      logger.warn({ err: error, delayMs }, 'Telegram is not reachable yet; retrying')
      await new Promise((resolve) => setTimeout(resolve, delayMs))
    }
  }
}
