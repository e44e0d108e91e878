import { expect, test } from 'vitest'
import { startBotHarness } from '../test/support/harness.js'
import { settle } from './settle.js'

// Three sessions streaming at once, each in its own topic of one private chat (Threaded Mode on):
// the user creates topics `a`, `b` and `c` (each becomes a session) and writes in all three at
// once; each answer streams ~1,500 characters over ~6 s as drafts (the default). The fake applies
// Telegram's flood limits: 20 sends+edits per chat per 20 s, 30/s overall, and its own conservative
// draft limit of 20 per chat per 20 s shared by the chat's topics. Target: no 429 at all.
const TOPICS = ['a', 'b', 'c'] as const
const SLOW_MS = 6_000
const QUIET_MS = 3_000

function longText(name: string): string {
  const body = `topic ${name} streams this sentence into its thread. `.repeat(30).trim()
  return `${body} END-${name}`.slice(-1_500)
}

test('three topics streaming at once', { timeout: 180_000 }, async () => {
  const h = await startBotHarness({
    env: { LOG_LEVEL: 'warn' },
    telegram: { topics: { enabled: true, usersCanCreate: true } },
  })
  try {
    const threads = new Map<string, number>()
    for (const name of TOPICS) {
      const threadId = h.createTopic(name)
      threads.set(name, threadId)
      await h.waitForBotMessage((m) => m.text.includes(`Session ${name} created`), { threadId })
    }
    await settle(h, 1_000)
    const from = h.telegram.calls.length
    const start = Date.now()
    for (const name of TOPICS) h.sendIn(threads.get(name) ?? 0, `SLOW:${SLOW_MS}:${longText(name)}`)
    const finals = await Promise.all(
      TOPICS.map((name) =>
        h.waitForBotMessage((m) => m.text.includes(longText(name)), {
          timeoutMs: 90_000,
          threadId: threads.get(name) ?? 0,
        }),
      ),
    )
    const allDoneMs = Date.now() - start
    await settle(h, QUIET_MS)

    const calls = h.telegram.calls.slice(from).filter((c) => c.method !== 'getUpdates')
    const rateLimited = calls.filter((c) => c.errorCode === 429)
    const byMethod: Record<string, number> = {}
    for (const call of calls) byMethod[call.method] = (byMethod[call.method] ?? 0) + 1
    const firstDraft = new Map<number, number>()
    for (const e of h.telegram.visibleEvents()) {
      if (e.at < start || e.threadId === undefined || firstDraft.has(e.threadId)) continue
      firstDraft.set(e.threadId, e.at - start)
    }
    process.stdout.write(
      [
        '',
        `three topics, ~${SLOW_MS / 1000} s answers at once: all final answers after ${allDoneMs} ms (message ids ${finals.map((m) => m.messageId).join(', ')})`,
        `first thing visible per topic (ms after the sends): ${JSON.stringify(Object.fromEntries(firstDraft))}`,
        `API calls from the first send on (not getUpdates): ${calls.length} ${JSON.stringify(byMethod)}`,
        `429s: ${rateLimited.length}${rateLimited.length ? ` ${JSON.stringify(rateLimited.map((c) => c.description))}` : ''} (target 0)`,
        `errors(): ${JSON.stringify(h.telegram.errors().map((c) => `${c.method}: ${c.description}`))}`,
        '',
      ].join('\n'),
    )
    expect(rateLimited).toEqual([])
    expect(h.telegram.errors()).toEqual([])
  } finally {
    await h.stop()
  }
})
