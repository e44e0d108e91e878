import { clock } from '../logging/pretty-line.js'
import { TelegramError, TelegramNetworkError, TelegramTimeoutError } from './errors.js'

/** Where getMe went when it failed: a proxy the bot uses (host:port, no credentials), or none. */
export interface ReachHint {
  proxy?: { variable: string; shown: string } | undefined
  /** A self-hosted Bot API server (TELEGRAM_API_ROOT), where a proxy is not what to check. */
  apiRoot?: string | undefined
}

/**
 * One short line for an attempt to reach Telegram that failed: why, when the next try is, and what
 * to check (a proxy to set, or the one in use).
 */
export function unreachableLine(error: unknown, nextAt: Date, hint: ReachHint = {}): string {
  const next = `next try at ${clock(nextAt)}`
  const check = hint.proxy
    ? `going through the proxy ${hint.proxy.shown} (${hint.proxy.variable}): check it`
    : hint.apiRoot
      ? `is the Bot API server at ${hint.apiRoot} (TELEGRAM_API_ROOT) running?`
      : 'behind a proxy? set HTTPS_PROXY in .env'
  return `Telegram is not reachable (${shortReason(error)}); ${next}; ${check}`
}

/** "connect ECONNREFUSED 1.2.3.4:443", "no answer within 10000 ms", "502 Bad Gateway". */
export function shortReason(error: unknown): string {
  if (error instanceof TelegramTimeoutError) return `no answer within ${error.deadlineMs / 1000} s`
  if (error instanceof TelegramError) return `${error.errorCode} ${error.description}`
  const cause = error instanceof TelegramNetworkError ? error.cause : error
  const message = cause instanceof Error ? cause.message : String(cause)
  // node-fetch: "request to https://…/bot<token>/getMe failed, reason: connect ECONNREFUSED …"
  return /reason: (.+)$/.exec(message)?.[1] ?? message
}
