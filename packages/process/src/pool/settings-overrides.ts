import type { ClaudeProcess } from '../claude-process.js'
import type { Logger } from '../logger.js'

/**
 * The model and permission mode a session was switched to on a live process. A process started later
 * (after an idle stop, an eviction or a crash) gets them again, so a resume does not silently fall back
 * to the persona's settings. `restart()` forgets them.
 */
export class SettingsOverrides {
  model: string | undefined
  permissionMode: string | undefined

  async setModel(proc: ClaudeProcess, model: string): Promise<void> {
    await proc.setModel(model)
    this.model = model
  }

  async setPermissionMode(proc: ClaudeProcess, mode: string): Promise<void> {
    await proc.setPermissionMode(mode)
    this.permissionMode = mode
  }

  /** Re-applies them to a freshly started process; a refusal is logged, not thrown. */
  async applyTo(proc: ClaudeProcess, logger: Logger, context: object): Promise<void> {
    try {
      if (this.model) await proc.setModel(this.model)
      if (this.permissionMode) await proc.setPermissionMode(this.permissionMode)
    } catch (error) {
      logger.warn({ ...context, err: error }, 'could not re-apply the model or permission mode')
    }
  }

  clear(): void {
    this.model = undefined
    this.permissionMode = undefined
  }
}
