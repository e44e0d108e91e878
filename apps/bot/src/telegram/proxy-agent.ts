import { Agent } from 'node:https'
import type { ProxyEnv } from '../config/proxy-env.js'

/** The proxy the bot reaches Telegram through: which variable set it and its host:port. */
export interface TelegramProxy {
  variable: 'HTTPS_PROXY' | 'https_proxy'
  /** host:port only: a proxy URL may carry credentials, which never reach a log line. */
  shown: string
}

const TELEGRAM = 'https://api.telegram.org'

/** The configured proxy for an https Bot API root (a plain-http root, e.g. a local server, has none). */
export function telegramProxy(config: ProxyEnv & { TELEGRAM_API_ROOT?: string | undefined }) {
  if (!(config.TELEGRAM_API_ROOT ?? TELEGRAM).startsWith('https:')) return undefined
  const variable = config.HTTPS_PROXY
    ? 'HTTPS_PROXY'
    : config.https_proxy
      ? 'https_proxy'
      : undefined
  const url = variable && config[variable]
  if (!variable || !url) return undefined
  return { variable, shown: new URL(url).host, url } satisfies TelegramProxy & { url: string }
}

/**
 * Telegraf's agent (keep-alive, as its default) tunnelling through the proxy with Node's own proxy
 * support (`proxyEnv`, Node 24), NO_PROXY honoured; undefined without a proxy (Telegraf's default).
 */
export function telegramAgent(config: Parameters<typeof telegramProxy>[0]): Agent | undefined {
  const proxy = telegramProxy(config)
  if (proxy === undefined) return undefined
  return new Agent({
    keepAlive: true,
    keepAliveMsecs: 10_000,
    proxyEnv: { HTTPS_PROXY: proxy.url, NO_PROXY: config.NO_PROXY ?? config.no_proxy },
  })
}
