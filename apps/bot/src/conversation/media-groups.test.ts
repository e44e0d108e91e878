import { expect, test } from 'vitest'
import { MediaGroups } from './media-groups.js'

test('the items of one group share it; it closes once no item came for the window', async () => {
  const groups = new MediaGroups<string>(30)
  const first = groups.join('chat1:g1')
  const second = groups.join('chat1:g1')
  const other = groups.join('chat2:g1')
  expect([first.first, second.first, other.first]).toEqual([true, false, true])
  expect(second.group).toBe(first.group)
  // A late item still joins: the window restarts with every item.
  await new Promise((resolve) => setTimeout(resolve, 20))
  const late = groups.join('chat1:g1')
  expect(late.first).toBe(false)
  let closed = false
  void first.group.closed.then(() => {
    closed = true
  })
  await new Promise((resolve) => setTimeout(resolve, 15))
  expect(closed).toBe(false)
  await first.group.closed
  await other.group.closed
  // The group is closed: the same id starts afresh.
  expect(groups.join('chat1:g1').first).toBe(true)
})
