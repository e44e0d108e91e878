/** The topic ↔ session mapping is in core's metadata: a restart keeps it. */
import { readFile, writeFile } from 'node:fs/promises'
import { expect, test } from 'vitest'
import { findFiles } from './conversation-support.js'
import { useBotHarness } from './support/use-bot-harness.js'
import { type StoredSession, storedSessions, TOPICS_ON, waitForStored } from './topics-support.js'

const bot = useBotHarness({ telegram: TOPICS_ON })

test('after a restart a message in a topic runs in the same session, answering there', async () => {
  const h = bot()
  h.send('/start')
  await h.waitForBotMessage(() => true)
  const thread = h.createTopic('keeper')
  await h.waitForBotMessage((m) => m.text.startsWith('Session keeper created'), {
    threadId: thread,
  })
  const before = h.sendIn(thread, 'before restart')
  await h.waitForReply(before, (m) => m.text === 'echo: before restart', { threadId: thread })
  const [stored] = await storedSessions(h, h.user)
  expect(stored).toMatchObject({ name: 'keeper', topic: { chatId: h.user.id, threadId: thread } })

  await h.restart()
  const after = h.sendIn(thread, 'after restart')
  const answer = await h.waitForReply(after, (m) => m.text === 'echo: after restart', {
    threadId: thread,
    timeoutMs: 30_000,
  })
  expect(answer.threadId).toBe(thread)
  // The same session (no new one for the topic, no "main"), still bound to it, resumed by the CLI.
  const sessions = await storedSessions(h, h.user)
  expect(sessions).toEqual([expect.objectContaining({ id: stored?.id, topic: stored?.topic })])
  const turns = h.anthropic.turnRequests().map((r) => r.prompt)
  expect(turns).toEqual(['before restart', 'after restart'])
  const resumed = h.anthropic.turnRequests().at(-1)
  expect(JSON.stringify(resumed?.body.messages)).toContain('before restart')
  expect(h.telegram.errors()).toEqual([])
})

test('a topic the bot made but never stored (it stopped in between) takes its session back', async () => {
  const h = bot()
  h.send('/new research')
  const research = (s: StoredSession[]) => s.find((m) => m.name === 'research')
  const made = research(await waitForStored(h, h.user, (s) => !!research(s)?.topic))
  const thread = made?.topic?.threadId ?? 0
  // As if the bot had stopped between createForumTopic and storing the topic.
  await h.restart('SIGTERM', async () => {
    for (const file of await findFiles(h.dataDir, 'metadata.json')) {
      if (file.includes('/archive/')) continue
      const meta = JSON.parse(await readFile(file, 'utf8'))
      if (meta.id === made?.id) await writeFile(file, JSON.stringify({ ...meta, topic: null }))
    }
  })
  await waitForStored(h, h.user, (s) => research(s)?.topic === null)
  const again = h.sendIn(thread, 'hello again')
  await h.waitForReply(again, (m) => m.text === 'echo: hello again', {
    threadId: thread,
    timeoutMs: 30_000,
  })
  // No "research-2": the topic's own session answered, and it is bound to the topic again.
  const sessions = await waitForStored(h, h.user, (s) => !!research(s)?.topic)
  expect(research(sessions)).toMatchObject({
    id: made?.id,
    topic: { chatId: h.user.id, threadId: thread },
  })
  expect(sessions.filter((m) => m.name.startsWith('research'))).toHaveLength(1)
  expect(h.telegram.errors()).toEqual([])
})
