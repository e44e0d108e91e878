import { execFileSync } from 'node:child_process'
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { expect, test } from 'vitest'
import { writeSessionFixtures } from '../../../packages/core/bench/fixtures.js'
import { ask } from '../test/support/ask.js'
import { BUILT_ENTRY } from '../test/support/bot-process.js'
import { type BotHarness, startBotHarness } from '../test/support/harness.js'
import { mib, processMemory } from './proc-memory.js'

// Resident memory of the built bot (what `pnpm start` runs) with 10,000 sessions on disk, after
// /sessions, /cost and /status, read from /proc/<pid>/status. Target: < 100 MiB (VmHWM, the peak).
// The sessions are written straight to disk in core's layout (core's bench fixtures): creating
// 10,000 through the API would take minutes. Several runs, as the machine is shared.
const SESSIONS = 10_000
const RUNS = 3
const OWNER = '1001'
const TARGET = 100 * 1024 * 1024
const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url))

function build(): void {
  execFileSync('pnpm', ['exec', 'turbo', 'run', 'build', '--filter=@switchboard/bot...'], {
    cwd: REPO_ROOT,
    stdio: 'ignore',
  })
}

async function prepare({ dataDir }: { dataDir: string }): Promise<void> {
  await writeSessionFixtures(dataDir, OWNER, SESSIONS)
  const ownerDir = join(dataDir, 'sessions', OWNER)
  const id = (await readFile(join(ownerDir, '.names', 's0'), 'utf8')).trim()
  await writeFile(join(ownerDir, 'active'), `${id}\n`)
}

interface Run {
  idle: number
  after: number
  peak: number
  listMs: number
}

async function measure(): Promise<Run> {
  let h: BotHarness | undefined
  try {
    h = await startBotHarness({
      entry: BUILT_ENTRY,
      fromSource: false,
      env: { LOG_LEVEL: 'warn' },
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
  const runs: Run[] = []
  for (let i = 0; i < RUNS; i++) runs.push(await measure())
  process.stdout.write(
    `\n${runs
      .map(
        (r, i) =>
          `run ${i + 1}, built, ${SESSIONS} sessions: RSS after /help ${mib(r.idle)}, after /sessions+/cost+/status ${mib(r.after)} (peak ${mib(r.peak)}); /sessions round trip ${r.listMs.toFixed(0)} ms`,
      )
      .join('\n')}\n`,
  )
  for (const run of runs) expect(run.peak).toBeLessThan(TARGET)
})
