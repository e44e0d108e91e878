import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { callApi } from './call-api.js'
import { type FakeTelegram, startFakeTelegram } from './fake-telegram.js'
import type { Update } from './types.js'

const bob = { id: 2002, first_name: 'Bob' }
let fake: FakeTelegram

beforeEach(async () => {
  fake = await startFakeTelegram()
})
afterEach(() => fake.close())

const poll = (params: Record<string, unknown>, signal?: AbortSignal) =>
  callApi<Update[]>(fake, 'getUpdates', params, signal ? { signal } : {})

describe('getUpdates', () => {
  it('returns pending updates in order and forgets them once confirmed by offset', async () => {
    const first = fake.userSends(bob, 'one')
    fake.userSends(bob, 'two')
    const all = await poll({})
    expect(all.body.result?.map((u) => u.message?.text)).toEqual(['one', 'two'])
    const again = await poll({ offset: first.update_id + 1 })
    expect(again.body.result?.map((u) => u.message?.text)).toEqual(['two'])
    const none = await poll({ offset: first.update_id + 2 })
    expect(none.body.result).toEqual([])
  })

  it('honours limit', async () => {
    fake.userSends(bob, 'one')
    fake.userSends(bob, 'two')
    expect((await poll({ limit: 1 })).body.result).toHaveLength(1)
  })

  it('holds a long poll until an update arrives', async () => {
    let answered = false
    const pending = poll({ timeout: 30 }).then((r) => {
      answered = true
      return r
    })
    await fake.waitFor(() => fake.isPolling())
    // the poller is held: nothing answered while no update exists
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(answered).toBe(false)
    fake.userSends(bob, 'wake up')
    const { body } = await pending
    expect(body.result?.map((u) => u.message?.text)).toEqual(['wake up'])
  })

  it('answers an empty list when the timeout ends', async () => {
    const { body } = await poll({ timeout: 1 })
    expect(body).toEqual({ ok: true, result: [] })
  })

  it('terminates the held request with 409 when another getUpdates arrives', async () => {
    const firstPoller = poll({ timeout: 30 })
    await fake.waitFor(() => fake.isPolling())
    const secondPoller = poll({ timeout: 30 })
    const first = await firstPoller
    expect(first).toEqual({
      status: 409,
      body: {
        ok: false,
        error_code: 409,
        description:
          'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running',
      },
    })
    fake.userSends(bob, 'for the survivor')
    expect((await secondPoller).body.result).toHaveLength(1)
  })

  it('frees the poll slot when the client disconnects', async () => {
    const controller = new AbortController()
    const aborted = poll({ timeout: 30 }, controller.signal).catch(() => 'aborted')
    await fake.waitFor(() => fake.isPolling())
    controller.abort()
    expect(await aborted).toBe('aborted')
    await fake.waitFor(() => !fake.isPolling())
  })

  it('filters update types with allowed_updates from then on', async () => {
    await poll({ allowed_updates: ['callback_query'] })
    fake.userSends(bob, 'ignored')
    expect((await poll({})).body.result).toEqual([])
  })

  it('refuses polling while a webhook is set, until deleteWebhook', async () => {
    await callApi(fake, 'setWebhook', { url: 'https://example.com/hook' })
    expect((await poll({})).status).toBe(409)
    await callApi(fake, 'deleteWebhook', { drop_pending_updates: true })
    expect((await poll({})).body.ok).toBe(true)
  })
})
