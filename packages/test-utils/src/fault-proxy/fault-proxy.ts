/**
 * An HTTP proxy in front of the fake Telegram that misbehaves on demand, like a real network:
 * - `refuse`: nothing listens on the port (ECONNREFUSED); open connections are dropped.
 * - `reset`: connections are accepted and reset at once (ECONNRESET), open ones too.
 * - `blackhole`: a half-open network. Connections stay open, requests get no answer and never reach
 *   Telegram; answers to requests already forwarded are swallowed. A connection that carried a
 *   request or an answer during the outage is NEVER answered again, even after the mode changes back
 *   (its path is gone, as after a NAT rebinding): only a client that gives up on it and reconnects
 *   gets through. Connections left idle during the outage work again afterwards, as TCP ones do.
 * - `pass`: requests are forwarded (a fresh upstream connection each).
 * `dropReplies(method)` forwards the next such request (Telegram runs it) and then resets the
 * client's connection instead of answering: the outcome is unknown to the client.
 */

import { createServer, type IncomingMessage, request, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'

export type FaultMode = 'pass' | 'refuse' | 'reset' | 'blackhole'

export interface ProxiedRequest {
  /** Bot API method (`getUpdates`, `sendMessage`, …), or `file` for a file download. */
  method: string
  /** Epoch ms when the request arrived. */
  at: number
  outcome: 'forwarded' | 'held' | 'reply-dropped' | 'reply-swallowed' | 'upstream-failed'
}

export interface FaultProxy {
  /** Base URL for the bot's TELEGRAM_API_ROOT. */
  readonly url: string
  readonly mode: FaultMode
  setMode(mode: FaultMode): Promise<void>
  /** The next `times` requests of `method` run on Telegram, and their replies are lost. */
  dropReplies(method: string, times?: number): void
  /** Every request that reached the proxy, oldest first. */
  readonly requests: readonly ProxiedRequest[]
  close(): Promise<void>
}

/** Starts a proxy on 127.0.0.1 (random port, kept across `refuse`) forwarding to `target`. */
export async function startFaultProxy(target: string): Promise<FaultProxy> {
  const upstream = new URL(target)
  let mode: FaultMode = 'pass'
  const sockets = new Set<Socket>()
  const held = new Set<Socket>()
  const drops = new Map<string, number>()
  const requests: ProxiedRequest[] = []

  const server = createServer((req, res) => {
    const entry: ProxiedRequest = { method: methodOf(req.url), at: Date.now(), outcome: 'held' }
    requests.push(entry)
    if (mode === 'blackhole' || held.has(req.socket)) return hold(req.socket)
    forward(req, res, entry)
  })
  server.keepAliveTimeout = 60_000
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => {
      sockets.delete(socket)
      held.delete(socket)
    })
    socket.on('error', () => undefined)
    if (mode === 'reset') socket.resetAndDestroy()
  })

  // Nothing is ever written back on a held connection; later requests on it are held as well.
  const hold = (socket: Socket) => {
    held.add(socket)
  }

  const forward = (req: IncomingMessage, res: ServerResponse, entry: ProxiedRequest) => {
    const outgoing = request(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: upstream.host },
        agent: false,
      },
      (answer) => {
        if (mode === 'blackhole' || held.has(req.socket)) {
          entry.outcome = 'reply-swallowed'
          answer.resume()
          return hold(req.socket)
        }
        const dropsLeft = drops.get(entry.method.toLowerCase()) ?? 0
        if (dropsLeft > 0) {
          drops.set(entry.method.toLowerCase(), dropsLeft - 1)
          entry.outcome = 'reply-dropped'
          answer.resume()
          answer.on('end', () => req.socket.resetAndDestroy())
          return
        }
        entry.outcome = 'forwarded'
        res.writeHead(answer.statusCode ?? 502, answer.headers)
        answer.pipe(res)
      },
    )
    outgoing.on('error', () => {
      entry.outcome = 'upstream-failed'
      req.socket.destroy()
    })
    // A client that gives up (e.g. on a held long poll) frees its request upstream too.
    res.on('close', () => {
      if (!res.writableFinished) outgoing.destroy()
    })
    req.pipe(outgoing)
  }

  const listen = (port: number) =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject)
        resolve()
      })
    })
  await listen(0)
  const { port } = server.address() as AddressInfo

  const proxy: FaultProxy = {
    url: `http://127.0.0.1:${port}`,
    get mode() {
      return mode
    },
    async setMode(next) {
      const was = mode
      mode = next
      if (next === 'refuse' || next === 'reset') {
        for (const socket of sockets) socket.resetAndDestroy()
      }
      if (next === 'refuse' && was !== 'refuse') await new Promise((r) => server.close(r))
      if (next !== 'refuse' && was === 'refuse') await listen(port)
    },
    dropReplies(method, times = 1) {
      const key = method.toLowerCase()
      drops.set(key, (drops.get(key) ?? 0) + times)
    },
    requests,
    async close() {
      for (const socket of sockets) socket.destroy()
      if (mode !== 'refuse') await new Promise((r) => server.close(r))
    },
  }
  return proxy
}

function methodOf(url: string | undefined): string {
  const path = new URL(url ?? '/', 'http://127.0.0.1').pathname
  if (path.startsWith('/file/')) return 'file'
  return /^\/bot[^/]*\/([^/]*)$/.exec(path)?.[1] ?? 'unknown'
}
