import type { FakeState } from '../fake-state.js'
import type { UploadedFile } from '../request/read-params.js'

/** What a Bot API method handler gets. */
export interface MethodContext {
  state: FakeState
  params: Record<string, unknown>
  files: Map<string, UploadedFile>
  /** Aborted when the client disconnects (ends a held getUpdates). */
  signal: AbortSignal
}

/** Returns the `result` or throws a TelegramApiError. */
export type MethodHandler = (ctx: MethodContext) => unknown
