import { fileURLToPath } from 'node:url'
import { type FakeAnthropicApi, makeTempDir, startFakeAnthropicApi } from '@switchboard/test-utils'
import { afterAll, beforeAll } from 'vitest'

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
