import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { Persona } from '@switchboard/core'
import { claudeEnv, makeTempDir, startFakeAnthropicApi } from '@switchboard/test-utils'
import { execa } from 'execa'
import { afterAll, expect, test } from 'vitest'
import { buildArgs, buildChildEnv, ClaudeProcess } from '../src/index.js'

// Warm turn (a message to a live ClaudeProcess) vs cold turn (a new `claude -p "<prompt>"` per message,
// stdin closed), same prompt, same fake Messages API. Medians of many runs; also the RSS of one idle CLI.
const CLAUDE = fileURLToPath(new URL('../node_modules/.bin/claude', import.meta.url))
const PROMPT = 'warm or cold?'
const WARM_RUNS = 60
const COLD_RUNS = 15
const persona: Persona = { name: 'bench', description: 'bench', systemPrompt: '', settings: {} }

const api = await startFakeAnthropicApi()
const home = await makeTempDir('process-bench-home')
const workspace = await makeTempDir('process-bench-workspace')
const env = buildChildEnv(claudeEnv({ apiUrl: api.url, home: home.path }))
afterAll(async () => {
  await api.close()
  await home.cleanup()
  await workspace.cleanup()
})

test('warm vs cold turn, and idle RSS', { timeout: 120_000 }, async () => {
  const proc = new ClaudeProcess({
    cwd: workspace.path,
    args: buildArgs({ claudeSessionId: null }, persona),
    env,
    claudePath: CLAUDE,
  })
  await proc.start()
  await proc.send(PROMPT).done // the first turn pays one-time costs; not counted
  const warm: number[] = []
  for (let i = 0; i < WARM_RUNS; i++) {
    const start = performance.now()
    const result = await proc.send(PROMPT).done
    warm.push(performance.now() - start)
    expect(result.text).toBe(`echo: ${PROMPT}`)
  }
  await new Promise((resolve) => setTimeout(resolve, 1000))
  const rssKb = vmRssKb(proc.pid ?? 0)
  await proc.stop()

  const cold: number[] = []
  for (let i = 0; i < COLD_RUNS; i++) {
    const start = performance.now()
    const result = await execa(CLAUDE, ['-p', PROMPT], {
      cwd: workspace.path,
      env,
      extendEnv: false,
      stdin: 'ignore',
    })
    cold.push(performance.now() - start)
    expect(result.stdout).toContain(`echo: ${PROMPT}`)
  }

  const warmMs = median(warm)
  const coldMs = median(cold)
  process.stdout.write(
    [
      '',
      `warm turn (live ClaudeProcess): median ${warmMs.toFixed(1)} ms over ${WARM_RUNS} runs`,
      `cold turn (claude -p per message): median ${coldMs.toFixed(1)} ms over ${COLD_RUNS} runs`,
      `ratio warm/cold: ${(warmMs / coldMs).toFixed(3)} (target < 0.12)`,
      `idle CLI resident memory (VmRSS): ${(rssKb / 1024).toFixed(1)} MiB`,
      '',
    ].join('\n'),
  )
})

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2
}

function vmRssKb(pid: number): number {
  const match = readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmRSS:\s+(\d+) kB/m)
  return Number(match?.[1] ?? 0)
}
