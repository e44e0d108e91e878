import { fileURLToPath } from 'node:url'
import type { Persona } from '@switchboard/core'
import {
  claudeEnv,
  type FakeAnthropicApi,
  makeTempDir,
  startFakeAnthropicApi,
} from '@switchboard/test-utils'
import { afterAll, afterEach, beforeAll } from 'vitest'
import { buildArgs } from '../../src/build-args.js'
import { buildChildEnv } from '../../src/child-env.js'
import { ClaudeProcess } from '../../src/claude-process.js'
import type { PermissionHandler } from '../../src/permissions.js'
import type { TurnEvent } from '../../src/turn-events.js'

/** The real Claude Code CLI this package pins (a devDependency). */
export const REAL_CLAUDE = fileURLToPath(new URL('../../node_modules/.bin/claude', import.meta.url))

/**
 * For a file's real-CLI tests: the fake Messages API and one temp dir per name, started before the
 * tests and removed after them. Read the fields inside tests (they are set in beforeAll).
 */
export function useRealCliEnv<const N extends string>(...names: N[]) {
  const env = { api: undefined as unknown as FakeAnthropicApi, dirs: {} as Record<N, string> }
  const cleanups: (() => Promise<void>)[] = []
  beforeAll(async () => {
    env.api = await startFakeAnthropicApi()
    for (const name of names) {
      const dir = await makeTempDir(`real-cli-${name}`)
      env.dirs[name] = dir.path
      cleanups.push(dir.cleanup)
    }
  })
  afterAll(async () => {
    await env.api?.close()
    await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()))
  })
  return env
}

/**
 * For a file's real-CLI tests of one ClaudeProcess at a time: `launch` starts one in `dirs.work`
 * with the persona `settings` (each stopped after its test), `events` collects a turn's events.
 */
export function useRealCliProcess() {
  const env = useRealCliEnv('home', 'work')
  const live: ClaudeProcess[] = []
  afterEach(async () => {
    await Promise.all(live.splice(0).map((p) => p.stop()))
  })
  async function launch(
    onPermissionRequest: PermissionHandler,
    settings: Persona['settings'] = {},
  ) {
    const proc = new ClaudeProcess({
      cwd: env.dirs.work,
      args: buildArgs(
        { claudeSessionId: null },
        { name: 's', description: 's', systemPrompt: '', settings },
      ),
      env: buildChildEnv(claudeEnv({ apiUrl: env.api.url, home: env.dirs.home })),
      claudePath: REAL_CLAUDE,
      onPermissionRequest,
    })
    live.push(proc)
    await proc.start()
    return proc
  }
  return { env, launch, events: collectEvents }
}

/** Every event of a turn, in order. */
export async function collectEvents(turn: AsyncIterable<TurnEvent>): Promise<TurnEvent[]> {
  const all: TurnEvent[] = []
  for await (const event of turn) all.push(event)
  return all
}
