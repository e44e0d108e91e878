import { afterEach, describe, expect, it } from 'vitest'
import { startFakeTelegram } from '../fake-telegram/index.js'
import { type FaultProxy, startFaultProxy } from './fault-proxy.js'

const user = { id: 7, first_name: 'Ann' }
const stops: (() => Promise<unknown>)[] = []
afterEach(async () => {
  for (const stop of stops.splice(0).reverse()) await stop()
})

async function setup(): Promise<{
  proxy: FaultProxy
  call: (method: string, body?: object) => Promise<unknown>
  telegram: Awaited<ReturnType<typeof startFakeTelegram>>
}> {
  const telegram = await startFakeTelegram()
  const proxy = await startFaultProxy(telegram.apiRoot)
  stops.push(
    () => telegram.close(),
    () => proxy.close(),
  )
  const call = async (method: string, body: object = {}) => {
    const response = await fetch(`${proxy.url}/bot${telegram.token}/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(1_000),
    })
    return response.json()
  }
  return { proxy, call, telegram }
}

describe('fault proxy', () => {
  it('forwards calls in pass mode', async () => {
    const { proxy, call } = await setup()
    expect(await call('getMe')).toMatchObject({ ok: true, result: { is_bot: true } })
    expect(proxy.requests).toMatchObject([{ method: 'getMe', outcome: 'forwarded' }])
  })

  it('refuses connections, then listens again on the same port', async () => {
    const { proxy, call } = await setup()
    await proxy.setMode('refuse')
    await expect(call('getMe')).rejects.toMatchObject({ cause: { code: 'ECONNREFUSED' } })
    await proxy.setMode('pass')
    expect(await call('getMe')).toMatchObject({ ok: true })
  })

  it('resets connections', async () => {
    const { proxy, call } = await setup()
    await proxy.setMode('reset')
    await expect(call('getMe')).rejects.toThrow()
    await proxy.setMode('pass')
    expect(await call('getMe')).toMatchObject({ ok: true })
  })

  it('holds requests in blackhole mode: never answered, never forwarded', async () => {
    const { proxy, call, telegram } = await setup()
    telegram.userSends(user, 'hi')
    await proxy.setMode('blackhole')
    await expect(call('sendMessage', { chat_id: 7, text: 'lost' })).rejects.toMatchObject({
      name: 'TimeoutError',
    })
    expect(telegram.chat(7).botMessages).toHaveLength(0)
    await proxy.setMode('pass')
    expect(await call('sendMessage', { chat_id: 7, text: 'through' })).toMatchObject({ ok: true })
    expect(telegram.chat(7).botMessages.map((m) => m.text)).toEqual(['through'])
  })

  it('drops a reply after Telegram ran the call', async () => {
    const { proxy, call, telegram } = await setup()
    telegram.userSends(user, 'hi')
    proxy.dropReplies('sendMessage')
    await expect(call('sendMessage', { chat_id: 7, text: 'sent' })).rejects.toThrow()
    expect(telegram.chat(7).botMessages.map((m) => m.text)).toEqual(['sent'])
    expect(proxy.requests.at(-1)).toMatchObject({ method: 'sendMessage', outcome: 'reply-dropped' })
    expect(await call('sendMessage', { chat_id: 7, text: 'again' })).toMatchObject({ ok: true })
  })
})
