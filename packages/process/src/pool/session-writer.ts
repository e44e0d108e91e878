import type { SessionUpdate } from '@switchboard/core'
import type { Logger } from '../logger.js'
import type { PoolSessionStore, SessionRef } from './types.js'

/**
 * Writes one session's updates to core in the order they were made (a later `pid: null` must never be
 * overtaken by an earlier `pid: 123`). A failed write is logged and skipped: it never rejects.
 */
export class SessionWriter {
  private chain: Promise<void> = Promise.resolve()

  constructor(
    private readonly ref: SessionRef,
    private readonly store: PoolSessionStore,
    private readonly logger: Logger,
  ) {}

  /** Queues an update; resolves once it was written (or failed and was logged). */
  write(patch: SessionUpdate): Promise<void> {
    this.chain = this.chain.then(() => this.apply(patch))
    return this.chain
  }

  /** Resolves when every queued write has settled. */
  flush(): Promise<void> {
    return this.chain
  }

  private async apply(patch: SessionUpdate): Promise<void> {
    try {
      await this.store.updateById(this.ref.owner, this.ref.id, patch)
    } catch (error) {
      // Only an active session can be suspended; the rest of the patch still matters.
      if (patch.status === 'suspended' && errorCode(error) === 'INVALID_TRANSITION') {
        const { status: _skipped, ...rest } = patch
        if (Object.keys(rest).length > 0) await this.apply(rest)
        return
      }
      this.logger.error({ err: error, session: this.ref, patch }, 'could not update the session')
    }
  }
}

function errorCode(error: unknown): unknown {
  return typeof error === 'object' && error !== null
    ? (error as { code?: unknown }).code
    : undefined
}
