import { SessionManager, type SessionManagerOptions } from '../src/index.js'

/** A manager on `dataDir` whose clock advances one second per reading, so order is deterministic. */
export function makeManager(dataDir: string, options: SessionManagerOptions = {}): SessionManager {
  let tick = Date.parse('2025-01-01T00:00:00.000Z')
  return new SessionManager({
    dataDir,
    now: () => {
      tick += 1000
      return new Date(tick)
    },
    ...options,
  })
}
