import { execFileSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { expect, test } from 'vitest'
import { ask } from '../test/support/ask.js'
import { BUILT_ENTRY } from '../test/support/bot-process.js'
import { type BotHarness, startBotHarness } from '../test/support/harness.js'
import { mib, processMemory } from './proc-memory.js'
import { writeSessions } from './session-fixtures.js'

// Resident memory of the built bot (what `pnpm start` runs) with 10,000 sessions on disk, after
// /sessions, /cost and /status, read from /proc/<pid>/status. Target (issue 11): < 100 MiB; not met
// yet, so it is printed, not asserted. Measured with Node's default young generation and with the
// `--max-semi-space-size` that `pnpm start` passes (START_FLAGS): reading 10,000 sessions at start-up
// grows V8's new space to 128 MiB by default, which stays resident (see the report of issue 11).
// Several runs, as the machine is shared.
const SESSIONS = 10_000
const RUNS = 3
const OWNER = '1001'
const TARGET = 100 * 1024 * 1024
const START_FLAGS = '--max-semi-space-size=2'
const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url))

function build(): void {
  execFileSync('pnpm', ['exec', 'turbo', 'run', 'build', '--filter=@switchboard/bot...'], {
    cwd: REPO_ROOT,
    stdio: 'ignore',
  })
}

async function prepare({ dataDir }: { dataDir: string }): Promise<void> {
  await writeSessions(dataDir, OWNER, SESSIONS)
}

interface Run {
  idle: number
  after: number
  peak: number
  listMs: number
}

async function measure(nodeOptions: string): Promise<Run> {
  let h: BotHarness | undefined
  try {
    h = await startBotHarness({
      entry: BUILT_ENTRY,
      fromSource: false,
      env: { LOG_LEVEL: 'warn', NODE_OPTIONS: nodeOptions },
      prepare,
    })
    const pid = h.bot.pid ?? 0
    await ask(h, '/help')
    const idle = (await processMemory(pid)).rss
    const start = performance.now()
    const list = await ask(h, '/sessions')
    const listMs = performance.now() - start
    expect(list.text).toContain(`(${SESSIONS}, newest first)`)
    await ask(h, '/cost')
    await ask(h, '/status')
    const { rss: after, peak } = await processMemory(pid)
    expect(h.telegram.errors()).toEqual([])
    return { idle, after, peak, listMs }
  } finally {
    await h?.stop()
  }
}

test(`bot RSS with ${SESSIONS} sessions on disk`, { timeout: 600_000 }, async () => {
  build()
  const lines: string[] = []
  for (const flags of ['', START_FLAGS]) {
    for (let i = 0; i < RUNS; i++) {
      const r = await measure(flags)
      lines.push(
        `${flags || 'node defaults'}, run ${i + 1}, ${SESSIONS} sessions: RSS after /help ${mib(r.idle)}, after /sessions+/cost+/status ${mib(r.after)} (peak ${mib(r.peak)}${r.peak < TARGET ? '' : `, over the ${mib(TARGET)} target`}); /sessions round trip ${r.listMs.toFixed(0)} ms`,
      )
    }
  }
  process.stdout.write(`\n${lines.join('\n')}\n`)
})
