import { execFileSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { SessionManager } from '@switchboard/core'
import { expect, test } from 'vitest'
import { ask } from '../test/support/ask.js'
import { BUILT_ENTRY } from '../test/support/bot-process.js'
import { type BotHarness, startBotHarness } from '../test/support/harness.js'
import { mib, processMemory } from './proc-memory.js'

// Resident memory of the bot process with 1,000 sessions on disk, after listing them (/sessions,
// /cost), against the same bot with an empty data dir. Target: < 120 MiB for the built entry (what
// `pnpm start` runs: it is built here first, as `pnpm start` does). From source (Node's type
// stripping, as the e2e tests run it) is reported too: the transformer alone adds ~20-40 MiB.
const SESSIONS = 1_000
const OWNER = 1001
const TARGET = 120 * 1024 * 1024
const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url))

/** `pnpm start` builds the bot and its workspace dependencies first; so does this bench. */
function build(): void {
  execFileSync('pnpm', ['exec', 'turbo', 'run', 'build', '--filter=@switchboard/bot...'], {
    cwd: REPO_ROOT,
    stdio: 'ignore',
  })
}

async function createSessions(dataDir: string): Promise<void> {
  const sessions = new SessionManager({ dataDir })
  const names = Array.from({ length: SESSIONS }, (_, i) => `s${String(i).padStart(4, '0')}`)
  for (let i = 0; i < names.length; i += 25) {
    await Promise.all(
      names.slice(i, i + 25).map((name) => sessions.create({ owner: String(OWNER), name })),
    )
  }
  await sessions.switch(String(OWNER), 's0000')
}

async function measure(
  label: string,
  withSessions: boolean,
  fromSource: boolean,
): Promise<{ label: string; idle: number; after: number; peak: number; listMs: number }> {
  let h: BotHarness | undefined
  try {
    h = await startBotHarness({
      ...(fromSource ? {} : { entry: BUILT_ENTRY }),
      fromSource,
      env: { LOG_LEVEL: 'warn' },
      ...(withSessions ? { prepare: ({ dataDir }) => createSessions(dataDir) } : {}),
    })
    const pid = h.bot.pid ?? 0
    await ask(h, '/help')
    const idle = (await processMemory(pid)).rss
    const start = performance.now()
    const list = await ask(h, '/sessions')
    const listMs = performance.now() - start
    if (withSessions) expect(list.text).toContain(`(${SESSIONS}, newest first)`)
    await ask(h, '/cost')
    await ask(h, '/status')
    const { rss: after, peak } = await processMemory(pid)
    expect(h.telegram.errors()).toEqual([])
    return { label, idle, after, peak, listMs }
  } finally {
    await h?.stop()
  }
}

test(`bot RSS with ${SESSIONS} sessions on disk`, { timeout: 300_000 }, async () => {
  build()
  const built = [
    await measure('built, empty data dir', false, false),
    await measure(`built, ${SESSIONS} sessions`, true, false),
  ]
  const source = [
    await measure('source, empty data dir', false, true),
    await measure(`source, ${SESSIONS} sessions`, true, true),
  ]
  const runs = [...built, ...source]
  process.stdout.write(
    `\n${runs
      .map(
        (r) =>
          `${r.label.padEnd(28)} RSS after /help ${mib(r.idle)}, after /sessions+/cost+/status ${mib(r.after)} (peak ${mib(r.peak)}); /sessions round trip ${r.listMs.toFixed(0)} ms`,
      )
      .join('\n')}\n`,
  )
  for (const run of built) expect(run.peak).toBeLessThan(TARGET)
})
