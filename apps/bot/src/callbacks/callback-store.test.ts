import { expect, test } from 'vitest'
import { CallbackStore } from './callback-store.js'

test('a press resolves its action once; a repeat or a sibling press is expired', () => {
  const store = new CallbackStore<string>()
  const { data } = store.create(1, ['allow', 'always', 'deny'], 60_000)
  for (const d of data) expect(Buffer.byteLength(d)).toBeLessThanOrEqual(64)
  expect(store.take(data[1], 1)).toMatchObject({ ok: true, action: 'always' })
  expect(store.take(data[1], 1)).toEqual({ ok: false, reason: 'expired' })
  expect(store.take(data[0], 1)).toEqual({ ok: false, reason: 'expired' })
})

test('only the owner can press, and strangers do not consume the group', () => {
  const store = new CallbackStore<string>()
  const { data } = store.create(1, ['allow'], 60_000)
  expect(store.take(data[0], 2)).toEqual({ ok: false, reason: 'not_owner' })
  expect(store.take(data[0], 1)).toMatchObject({ ok: true, action: 'allow' })
})

test('groups expire after their ttl or when expired explicitly', () => {
  let now = 0
  const store = new CallbackStore<string>(() => now)
  const first = store.create(1, ['a'], 1_000)
  const second = store.create(1, ['b'], 10_000)
  now = 1_000
  expect(store.take(first.data[0], 1)).toEqual({ ok: false, reason: 'expired' })
  store.expire(second.group)
  expect(store.take(second.data[0], 1)).toEqual({ ok: false, reason: 'expired' })
})

test.each([undefined, '', 'hello', 'sb1:short:0', `sb1:${'x'.repeat(40)}:0`, 'sb1:abcdefghij:x'])(
  'rejects malformed callback data %j',
  (data) => {
    const store = new CallbackStore<string>()
    expect(store.take(data, 1)).toMatchObject({ ok: false })
  },
)
