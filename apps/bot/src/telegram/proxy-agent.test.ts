import { once } from 'node:events'
import { createServer, type Socket } from 'node:net'
import { Telegraf } from 'telegraf'
import { expect, test } from 'vitest'
import { telegramAgent, telegramProxy } from './proxy-agent.js'

const TOKEN = '123456789:AAEabcdefghijklmnopqrstuvwxyz012345'

test('the proxy is shown as host:port only, and only for an https Bot API', () => {
  const env = { HTTPS_PROXY: 'http://user:pw@proxy.lan:3128' }
  expect(telegramProxy(env)).toMatchObject({ variable: 'HTTPS_PROXY', shown: 'proxy.lan:3128' })
  expect(telegramProxy({ https_proxy: 'http://p:8080' })).toMatchObject({ variable: 'https_proxy' })
  expect(telegramProxy({ ...env, TELEGRAM_API_ROOT: 'http://127.0.0.1:8081' })).toBeUndefined()
  expect(telegramProxy({})).toBeUndefined()
  expect(telegramAgent({})).toBeUndefined()
})

test('with HTTPS_PROXY, Telegraf reaches Telegram through the proxy (CONNECT)', async () => {
  const seen: string[] = []
  const sockets: Socket[] = []
  const proxy = createServer((socket) => {
    sockets.push(socket)
    socket.once('data', (chunk) => {
      seen.push(chunk.toString('latin1').split('\r\n')[0] ?? '')
      socket.end('HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n')
    })
  }).listen(0, '127.0.0.1')
  await once(proxy, 'listening')
  try {
    const { port } = proxy.address() as { port: number }
    const agent = telegramAgent({ HTTPS_PROXY: `http://127.0.0.1:${port}` })
    const bot = new Telegraf(TOKEN, { telegram: { agent } })
    await expect(bot.telegram.getMe()).rejects.toThrow()
    expect(seen).toEqual(['CONNECT api.telegram.org:443 HTTP/1.1'])
    agent?.destroy()
  } finally {
    for (const socket of sockets) socket.destroy()
    proxy.close()
  }
})
