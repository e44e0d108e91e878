import { expect, test } from 'vitest'
import { MediaGroups } from './media-groups.js'

test('the items of one group come out together, once, to the first item only', async () => {
  const groups = new MediaGroups<string>(30)
  const first = groups.add('chat1:g1', 'a')
  expect(groups.add('chat1:g1', 'b')).toBeUndefined()
  const other = groups.add('chat2:g1', 'x')
  // A late item still joins: the window restarts with every item.
  await new Promise((resolve) => setTimeout(resolve, 10))
  expect(groups.add('chat1:g1', 'c')).toBeUndefined()
  expect(await first).toEqual(['a', 'b', 'c'])
  expect(await other).toEqual(['x'])
  // The group is closed: the same id starts afresh.
  const again = groups.add('chat1:g1', 'd')
  expect(again).toBeDefined()
  expect(await again).toEqual(['d'])
})
