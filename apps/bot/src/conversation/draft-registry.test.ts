import { expect, test } from 'vitest'
import { DRAFT_ID_MAX, DraftIds } from './draft-ids.js'
import { DraftRegistry } from './draft-registry.js'

const owner = (turnId: string) => ({ ref: { owner: '5', id: 's' }, turnId, halt: () => {} })

test('draft ids: non-zero, positive int32, a fresh one each time, wrapping past the maximum', () => {
  const ids = new DraftIds(() => 0.999_999_999_9)
  const taken = [ids.take(), ids.take(), ids.take()]
  expect(taken[0]).toBe(DRAFT_ID_MAX - 1)
  expect(taken).toEqual([DRAFT_ID_MAX - 1, DRAFT_ID_MAX, 1])
  const low = new DraftIds(() => 0)
  expect(low.take()).toBe(1)
  for (const id of [...taken, low.take()]) {
    expect(Number.isInteger(id) && id > 0 && id <= DRAFT_ID_MAX).toBe(true)
  }
})

test('the registry finds a draft’s turn by chat and draft id, and forgets it when told', () => {
  const drafts = new DraftRegistry()
  const done = drafts.register(5, 77, owner('t1'))
  drafts.register(6, 78, owner('t2'))
  expect(drafts.lookup(5, 77)?.turnId).toBe('t1')
  expect(drafts.lookup(6, 77)).toBeUndefined() // another chat's draft id
  done()
  expect(drafts.lookup(5, 77)).toBeUndefined()
  expect(drafts.size).toBe(1)
})

test('a stale unregister does not remove a newer registration of the same id', () => {
  const drafts = new DraftRegistry()
  const old = drafts.register(5, 77, owner('t1'))
  drafts.register(5, 77, owner('t2'))
  old()
  expect(drafts.lookup(5, 77)?.turnId).toBe('t2')
})
