import { expect, test } from 'vitest'
import { ask } from '../test/support/ask.js'
import { startBotHarness } from '../test/support/harness.js'
import { settle } from './settle.js'

// Three sessions streaming at once in one chat: `a`, `b` and `c` each get a ~1,500-character answer
// streamed over ~6 s, two of them in the background (the user /switches on after each send). The
// fake Telegram applies Telegram's flood limits (20 sends+edits per chat per 20 s, 30/s overall).
// Target: no 429 at all, nothing Telegram would refuse.
const SESSIONS = ['a', 'b', 'c'] as const
const SLOW_MS = 6_000
const QUIET_MS = 3_000

function longText(name: string): string {
  const body = `session ${name} streams this sentence into the chat. `.repeat(30).trim()
  return `${body} END-${name}`.slice(-1_500)
}

test('three sessions streaming at once', { timeout: 180_000 }, async () => {
  const h = await startBotHarness({ env: { LOG_LEVEL: 'warn' } })
  try {
    for (const name of SESSIONS) await ask(h, `/new ${name}`)
    await ask(h, '/switch a')
    const from = h.telegram.calls.length
    const start = Date.now()
    for (const [i, name] of SESSIONS.entries()) {
      if (i > 0) await ask(h, `/switch ${name}`)
      h.send(`SLOW:${SLOW_MS}:${longText(name)}`)
    }
    // A final answer carries the whole text; the live view shows at most a tail of it in progress.
    const finals = await Promise.all(
      SESSIONS.map((name) =>
        h.waitForBotMessage((m) => m.text.includes(longText(name)), { timeoutMs: 90_000 }),
      ),
    )
    const allDoneMs = Date.now() - start
    await settle(h, QUIET_MS) // late edits/deletions of progress messages still count

    const calls = h.telegram.calls.slice(from).filter((c) => c.method !== 'getUpdates')
    const rateLimited = calls.filter((c) => c.errorCode === 429)
    const byMethod: Record<string, number> = {}
    for (const call of calls) byMethod[call.method] = (byMethod[call.method] ?? 0) + 1
    const timeline = calls.map(
      (c) =>
        `  +${String(c.at - start).padStart(5)} ms ${c.method} ${String(c.params.text ?? '')
          .slice(0, 40)
          .replace(/\s+/g, ' ')}`,
    )
    process.stdout.write(
      [
        '',
        `three ~${SLOW_MS / 1000} s answers at once: all final answers after ${allDoneMs} ms (message ids ${finals.map((m) => m.messageId).join(', ')})`,
        `API calls from the first send on (not getUpdates): ${calls.length} ${JSON.stringify(byMethod)}`,
        `429s: ${rateLimited.length}${rateLimited.length ? ` ${JSON.stringify(rateLimited.map((c) => c.description))}` : ''} (target 0)`,
        `errors(): ${JSON.stringify(h.telegram.errors().map((c) => `${c.method}: ${c.description}`))}`,
        'timeline (from the first send):',
        ...timeline,
        '',
      ].join('\n'),
    )
    expect(rateLimited).toEqual([])
    expect(h.telegram.errors()).toEqual([])
  } finally {
    await h.stop()
  }
})
