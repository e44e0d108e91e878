import { expect, test } from 'vitest'
import { readyLine } from './ready-line.js'

test('the ready line names the bot’s link and what it is ready for', () => {
  expect(
    readyLine({ username: 'my_bot', allowedUsers: 1, topics: true, streamMode: 'draft' }),
  ).toBe(
    'ready: https://t.me/my_bot — messages from 1 allowed user; a topic per session; answers stream as native drafts',
  )
  expect(
    readyLine({ username: 'b', allowedUsers: 2, topics: false, streamMode: 'edit' }),
  ).toContain('2 allowed users; one chat (no Threaded Mode); answers stream as edited messages')
})
