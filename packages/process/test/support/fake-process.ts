import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { ClaudeProcess } from '../../src/claude-process.js'
import type { ClaudeProcessOptions } from '../../src/process-types.js'

export const FAKE_CLAUDE = fileURLToPath(new URL('./fake-claude.mjs', import.meta.url))

const live = new Set<ClaudeProcess>()

/** A ClaudeProcess driving test/support/fake-claude.mjs; `stopAllFakes()` in afterEach cleans up. */
export function fakeProcess(
  options: Partial<ClaudeProcessOptions> & { fakeEnv?: Record<string, string> } = {},
): ClaudeProcess {
  const { fakeEnv, ...rest } = options
  const proc = new ClaudeProcess({
    cwd: process.cwd(),
    args: ['-p'],
    // A fixed session id (the fake otherwise makes a fresh uuid, like the real CLI).
    env: {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      FAKE_CLAUDE_SESSION_ID: 'fake-session-1',
      ...fakeEnv,
    },
    claudePath: FAKE_CLAUDE,
    stopGraceMs: 200,
    killAfterMs: 300,
    ...rest,
  })
  live.add(proc)
  return proc
}

export async function stopAllFakes(): Promise<void> {
  await Promise.all([...live].map((proc) => proc.stop()))
  live.clear()
}

/** Collects a turn's events (and the error, if iteration throws). */
export async function collect<T>(
  iterable: AsyncIterable<T>,
): Promise<{ events: T[]; error: unknown }> {
  const events: T[] = []
  try {
    for await (const event of iterable) events.push(event)
    return { events, error: undefined }
  } catch (error) {
    return { events, error }
  }
}

/** True while a process with this pid exists (and is not a zombie). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
  } catch {
    return false
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    return !/\) Z /.test(stat)
  } catch {
    return false
  }
}
