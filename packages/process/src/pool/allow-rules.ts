import type { Logger } from '../logger.js'
import type { PoolSessionStore, SessionRef } from './types.js'

/**
 * A session's "allow always" rules across its processes and bot restarts: each rule an "always" adds is
 * stored in core (`permission-rules.json` in the session's directory) and kept here; a new process gets
 * them all with `--allowedTools`. Only narrow rules ever reach a process, whatever the file holds.
 */
export class SessionAllowRules {
  private readonly known = new Set<string>()

  constructor(
    private readonly ref: SessionRef,
    private readonly store: PoolSessionStore,
    private readonly logger: Logger,
  ) {}

  /** Every rule for a process about to start: stored, and remembered by this pool. */
  async forSpawn(): Promise<string[]> {
    for (const rule of await this.stored()) this.known.add(rule)
    // Not filtered here: buildArgs and the process's SessionPermissions take narrow rules only.
    return [...this.known]
  }

  /** An "always" answer added `rule` in the live process: kept, and stored (a failure is logged). */
  added(rule: string): void {
    this.known.add(rule)
    this.store.addAllowRule?.(this.ref.owner, this.ref.id, rule).catch((error: unknown) => {
      this.logger.error({ err: error, session: this.ref }, 'could not store an "always" rule')
    })
  }

  /** The session's rules, oldest first. */
  async list(): Promise<string[]> {
    return [...new Set([...(await this.stored()), ...this.known])]
  }

  /** Removes `rule` from the store and from memory; true when it was there. Throws if the store fails. */
  async forget(rule: string): Promise<boolean> {
    const had = this.known.delete(rule)
    const stored = await this.stored()
    if (stored.includes(rule)) await this.store.removeAllowRule?.(this.ref.owner, this.ref.id, rule)
    return had || stored.includes(rule)
  }

  private async stored(): Promise<string[]> {
    if (!this.store.readAllowRules) return []
    try {
      return await this.store.readAllowRules(this.ref.owner, this.ref.id)
    } catch (error) {
      // Fail closed: without the file's rules Claude is asked again, never allowed more.
      this.logger.error(
        { err: error, session: this.ref },
        'could not read the stored "always" rules',
      )
      return []
    }
  }
}
