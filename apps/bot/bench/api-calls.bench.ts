import { setTimeout as sleep } from 'node:timers/promises'
import { expect, test } from 'vitest'
import { ask } from '../test/support/ask.js'
import { type BotHarness, startBotHarness } from '../test/support/harness.js'

// Telegram API calls the bot makes per answer (real CLI, fake Messages API, fake Telegram): a quick
// answer, and one streamed over ~4 s. getUpdates is not counted.
const SETTLE_MS = 2_000

async function callsFor(h: BotHarness, prompt: string, expected: string) {
  const from = h.telegram.calls.length
  const update = h.send(prompt)
  await h.waitForReply(update, (m) => m.text.includes(expected), { timeoutMs: 60_000 })
  await sleep(SETTLE_MS) // late edits or deletions of the progress message still count
  const calls = h.telegram.calls.slice(from).filter((c) => c.method !== 'getUpdates')
  const byMethod: Record<string, number> = {}
  for (const call of calls) byMethod[call.method] = (byMethod[call.method] ?? 0) + 1
  return { total: calls.length, byMethod, rejected: calls.filter((c) => !c.ok).length }
}

test('Telegram API calls per answer', { timeout: 180_000 }, async () => {
  const rows: string[] = []
  for (const mode of ['edit', 'draft'] as const) {
    const h = await startBotHarness({ env: { LOG_LEVEL: 'warn', SWITCHBOARD_STREAM_MODE: mode } })
    try {
      await ask(h, '/new bench')
      await callsFor(h, 'warm up', 'echo: warm up') // spawns the CLI
      const quick = await callsFor(h, 'quick one', 'echo: quick one')
      const long = 'streamed answer '.repeat(60).trim()
      const streamed = await callsFor(h, `SLOW:4000:${long}`, long.slice(-40))
      rows.push(
        `${mode.padEnd(5)} quick answer: ${quick.total} calls ${JSON.stringify(quick.byMethod)}`,
      )
      rows.push(
        `${mode.padEnd(5)} ~4 s streamed answer: ${streamed.total} calls ${JSON.stringify(streamed.byMethod)}`,
      )
      expect(quick.rejected + streamed.rejected).toBe(0)
      expect(h.telegram.errors()).toEqual([])
    } finally {
      await h.stop()
    }
  }
  process.stdout.write(`\n${rows.join('\n')}\n`)
})
