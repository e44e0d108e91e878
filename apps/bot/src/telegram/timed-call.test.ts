import { createServer, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { Telegram } from 'telegraf'
import { afterEach, expect, test } from 'vitest'
import { systemClock } from './clock.js'
import { TelegramTimeoutError } from './errors.js'
import { timedCall } from './timed-call.js'
import { directCallApi } from './transport.js'

const closers: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const close of closers.splice(0)) await close()
})

/** A Bot API server that never answers request number `lost` (a half-open connection). */
async function halfOpenServer(lost = 2) {
  const sockets: Socket[] = []
  const closed = new Set<Socket>()
  const held: ServerResponse[] = []
  let requests = 0
  const server = createServer((req, res) => {
    requests++
    if (requests === lost) return void held.push(res)
    req.resume()
    res.setHeader('content-type', 'application/json')
    res.end(JSON.stringify({ ok: true, result: { id: 1, is_bot: true, first_name: 'b' } }))
  })
  server.keepAliveTimeout = 60_000
  server.on('connection', (socket) => {
    sockets.push(socket)
    socket.on('close', () => closed.add(socket))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  closers.push(async () => {
    for (const socket of sockets) socket.destroy()
    await new Promise((resolve) => server.close(resolve))
  })
  const { port } = server.address() as AddressInfo
  return { apiRoot: `http://127.0.0.1:${port}`, sockets, closed }
}

test("Telegraf's client drops the socket of a call past its deadline and reconnects", async () => {
  const server = await halfOpenServer()
  const callApi = directCallApi(new Telegram('123:abc', { apiRoot: server.apiRoot }))
  const options = { clock: systemClock, deadlineMs: 300 }

  await expect(timedCall(callApi, 'getMe', {}, options)).resolves.toMatchObject({ id: 1 })
  const lost = await timedCall(callApi, 'getMe', {}, options).catch((e: unknown) => e)
  expect(lost).toBeInstanceOf(TelegramTimeoutError)
  expect(server.sockets).toHaveLength(1) // keep-alive: the lost call went out on the idle socket
  // node-fetch aborts the request, which destroys its socket: it can't be reused half-open.
  await expect.poll(() => server.closed.has(server.sockets[0] as Socket)).toBe(true)

  await expect(timedCall(callApi, 'getMe', {}, options)).resolves.toMatchObject({ id: 1 })
  expect(server.sockets).toHaveLength(2) // the next call went out on a new connection
})

test('after a timeout, the idle keep-alive sockets are dropped too: the next call opens a new one', async () => {
  const server = await halfOpenServer(3)
  const callApi = directCallApi(new Telegram('123:abc', { apiRoot: server.apiRoot }))
  const options = { clock: systemClock, deadlineMs: 300 }
  // Two calls at once leave two idle sockets in the pool; the third call takes one and is lost.
  await Promise.all([1, 2].map(() => timedCall(callApi, 'getMe', {}, options)))
  expect(server.sockets).toHaveLength(2)
  await expect(timedCall(callApi, 'getMe', {}, options)).rejects.toBeInstanceOf(
    TelegramTimeoutError,
  )
  // The other idle socket lived through the same outage: it is gone as well, not reused.
  await expect.poll(() => server.closed.size).toBe(2)
  await expect(timedCall(callApi, 'getMe', {}, options)).resolves.toMatchObject({ id: 1 })
  expect(server.sockets).toHaveLength(3)
})
