import { PermissionModeSchema } from '@switchboard/core'
import type { Logger } from '../logger.js'
import type { SettingsOverrides } from './settings-overrides.js'
import type { PoolSessionStore, SessionRef } from './types.js'

/**
 * Follows the permission mode the CLI reports (`permission_mode` events: each turn's start, and every
 * change, e.g. leaving plan mode once a plan is approved). The live status shows it at once, a later
 * process of the session gets it again, and it is saved in the session's persona copy so a resume
 * after a restart starts in it too. Saves go in order, each only when the persona differs; a failure
 * (e.g. core refusing bypassPermissions) is logged, never thrown.
 */
export class SessionMode {
  private chain: Promise<void> = Promise.resolve()

  constructor(
    private readonly ref: SessionRef,
    private readonly store: PoolSessionStore,
    private readonly overrides: SettingsOverrides,
    private readonly logger: Logger,
  ) {}

  /** The CLI said it runs in `mode` now. */
  reported(mode: string): void {
    const parsed = PermissionModeSchema.safeParse(mode)
    if (!parsed.success) {
      this.logger.warn({ session: this.ref, mode }, 'the CLI reported an unknown permission mode')
      return
    }
    // What the status shows and what a later process of this session is switched to.
    this.overrides.permissionMode = parsed.data
    // Compared with the persona at save time, not with the last report: /mode changes it too.
    this.chain = this.chain.then(() => this.save(parsed.data))
  }

  /** Resolves when every queued save has settled (tests, shutdown). */
  idle(): Promise<void> {
    return this.chain
  }

  private async save(mode: string): Promise<void> {
    const update = this.store.updatePersonaSettings
    if (!update) return
    try {
      const persona = await this.store.readPersonaById(this.ref.owner, this.ref.id)
      if ((persona.settings.permissionMode ?? 'default') === mode) return
      const meta = await this.store.getById(this.ref.owner, this.ref.id)
      await update.call(this.store, meta.owner, meta.name, {
        permissionMode: PermissionModeSchema.parse(mode),
      })
    } catch (error) {
      this.logger.warn(
        { err: error, session: this.ref, mode },
        'could not save the permission mode',
      )
    }
  }
}
