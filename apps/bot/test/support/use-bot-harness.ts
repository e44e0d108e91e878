import { afterAll, afterEach, beforeAll, beforeEach, vi } from 'vitest'
import { type BotHarness, type BotHarnessOptions, startBotHarness } from './harness.js'

/**
 * One bot harness shared by the tests of a file: started before the first test, stopped after the
 * last. When a test fails, the bot's log lines written during that test are printed.
 * Usage: `const bot = useBotHarness(); test('…', async () => { bot().send('/start') })`.
 */
export function useBotHarness(options: BotHarnessOptions = {}): () => BotHarness {
  // Each reply to one chat is spaced ~1 s apart (Telegram's limit), so e2e tests need more than 5 s.
  vi.setConfig({ testTimeout: 60_000 })
  let harness: BotHarness | undefined
  let logStart = 0
  beforeAll(async () => {
    harness = await startBotHarness(options)
  }, 60_000)
  afterAll(async () => {
    await harness?.stop()
  }, 30_000)
  beforeEach(() => {
    logStart = harness?.logs().length ?? 0
  })
  afterEach((context) => {
    if (context.task.result?.state !== 'fail' || !harness) return
    const since = harness.logs().slice(logStart)
    console.error(`--- bot output during "${context.task.name}" ---\n${since}`)
  })
  return () => {
    if (!harness) throw new Error('the bot harness did not start (see the beforeAll error)')
    return harness
  }
}
