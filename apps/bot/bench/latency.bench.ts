import { execFileSync, spawn } from 'node:child_process'
import { setTimeout as sleep } from 'node:timers/promises'
import { fileURLToPath } from 'node:url'
import { type ApiCall, claudeEnv, makeTempDir } from '@switchboard/test-utils'
import { expect, test } from 'vitest'
import { ask } from '../test/support/ask.js'
import { BUILT_ENTRY } from '../test/support/bot-process.js'
import { CLAUDE_PATH, startBotHarness } from '../test/support/harness.js'

// End-to-end latency of a short answer from a live session: from the moment the user's message is
// injected into the fake Telegram server to the moment that server receives the bot's answer (both
// stamped with this process's Date.now), against a bare cold `claude -p "<same prompt>"` (stdin
// closed) on the same fake Messages API. Runs alternate, so both see the same machine load.
// Target: bot / cold < 0.2. The bot runs built, as `pnpm start` runs it.
const RUNS = 15
const TARGET = 0.2
// The bot spaces calls to one chat ≥ 1 s apart (Telegram's limit); wait longer than that after each
// answer so the pacing of the previous turn is not what we measure.
const GAP_MS = 1_300
const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url))

function build(): void {
  execFileSync('pnpm', ['exec', 'turbo', 'run', 'build', '--filter=@switchboard/bot...'], {
    cwd: REPO_ROOT,
    stdio: 'ignore',
  })
}

/** `claude -p <prompt>` with stdin closed; resolves with the wall time and stdout. */
function coldRun(
  prompt: string,
  env: Record<string, string>,
  cwd: string,
): Promise<{ ms: number; stdout: string }> {
  const start = performance.now()
  const child = spawn(CLAUDE_PATH, ['-p', prompt], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] })
  let stdout = ''
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk
  })
  return new Promise((resolve, reject) => {
    child.on('error', reject)
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`claude -p exited with ${code}: ${stdout}`))
      else resolve({ ms: performance.now() - start, stdout })
    })
  })
}

/** The first successful call at or after `since` that put `text` on the screen. */
function answerCall(calls: readonly ApiCall[], since: number, text: string): ApiCall | undefined {
  return calls.find(
    (c) =>
      c.ok &&
      c.at >= since &&
      (c.method === 'sendMessage' || c.method === 'editMessageText') &&
      String(c.params.text ?? '').includes(text),
  )
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2
}

test('answer latency of a live session vs a cold claude -p', { timeout: 300_000 }, async () => {
  build()
  const h = await startBotHarness({
    entry: BUILT_ENTRY,
    fromSource: false,
    env: { LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn' },
  })
  const coldHome = await makeTempDir('switchboard-bench-cold-home')
  const coldCwd = await makeTempDir('switchboard-bench-cold-cwd')
  try {
    const coldEnv = claudeEnv({ apiUrl: h.anthropic.url, home: coldHome.path })
    await ask(h, '/new bench')
    const warm = h.send('warm up') // spawns the CLI: not counted
    await h.waitForReply(warm, (m) => m.text.includes('echo: warm up'), { timeoutMs: 60_000 })
    await coldRun('warm up', coldEnv, coldCwd.path) // first run fills the CLI's caches: not counted

    const bot: number[] = []
    const cold: number[] = []
    const methods = new Set<string>()
    for (let i = 0; i < RUNS; i++) {
      await sleep(GAP_MS)
      const prompt = `latency probe ${i}`
      const expected = `echo: ${prompt}`
      const sentAt = Date.now()
      const update = h.send(prompt)
      await h.waitForReply(update, (m) => m.text.includes(expected), { timeoutMs: 30_000 })
      const call = answerCall(h.telegram.calls, sentAt, expected)
      if (!call) throw new Error(`no API call carried "${expected}"`)
      methods.add(call.method)
      bot.push(call.at - sentAt)

      const run = await coldRun(`cold probe ${i}`, coldEnv, coldCwd.path)
      expect(run.stdout).toContain(`echo: cold probe ${i}`)
      cold.push(run.ms)
    }
    expect(h.telegram.errors()).toEqual([])

    const botMs = median(bot)
    const coldMs = median(cold)
    const ratio = botMs / coldMs
    process.stdout.write(
      [
        '',
        `bot, live session (message in → ${[...methods].join('/')} with the answer): median ${botMs.toFixed(0)} ms over ${RUNS} runs [${bot.join(', ')}]`,
        `cold claude -p, stdin closed: median ${coldMs.toFixed(0)} ms over ${RUNS} runs [${cold.map((v) => v.toFixed(0)).join(', ')}]`,
        `ratio bot/cold: ${ratio.toFixed(3)} (target < ${TARGET})`,
        '',
      ].join('\n'),
    )
    expect(ratio).toBeLessThan(TARGET)
  } finally {
    await h.stop()
    await coldHome.cleanup()
    await coldCwd.cleanup()
  }
})
