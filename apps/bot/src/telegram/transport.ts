/**
 * The outbox's transport: Telegraf's own callApi. The outbox passes each call's deadline as
 * `signal` (timed-call.ts), so the client's built-in 500 s timeout never applies, and node-fetch
 * destroys the socket of an aborted call. After a timeout or a network failure the agent's *idle*
 * keep-alive sockets are dropped too: they lived through the same outage (a half-open network, a
 * NAT rebinding) and the next call would otherwise hang on one of them for a whole deadline.
 * Calls in flight (the long poll) keep their sockets.
 */

import { globalAgent as httpAgent } from 'node:http'
import { globalAgent as httpsAgent } from 'node:https'
import type { Telegram } from 'telegraf'
import { classifyError } from './classify-error.js'
import { TelegramNetworkError } from './errors.js'
import type { CallApi } from './timed-call.js'

export function directCallApi(raw: Telegram): CallApi {
  return async (method, payload, options) => {
    try {
      return await raw.callApi(method as never, payload as never, options as never)
    } catch (error) {
      const timedOut = options?.signal?.aborted === true
      if (timedOut || classifyError(method, error) instanceof TelegramNetworkError)
        dropIdleSockets(raw)
      throw error
    }
  }
}

/** Destroys the free (idle, pooled) sockets of the agent `raw` sends through. */
export function dropIdleSockets(raw: Telegram): void {
  // Telegraf passes no agent for an http:// API root: node-fetch then uses Node's global one.
  const agent =
    raw.options.agent ?? (raw.options.apiRoot.startsWith('https:') ? httpsAgent : httpAgent)
  for (const sockets of Object.values(agent.freeSockets)) {
    for (const socket of sockets ?? []) socket.destroy()
  }
}
