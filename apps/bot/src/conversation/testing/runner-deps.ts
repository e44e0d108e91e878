/** Test support: the runner deps every turn-runner test starts from (a live-mode choice aside). */

import type { SessionMetadata } from '@switchboard/core'
import type { TurnEvent } from '@switchboard/process'
import type { CallbackAction } from '../../callbacks/callback-actions.js'
import { CallbackStore } from '../../callbacks/callback-store.js'
import { AuditLog } from '../../permissions/audit-log.js'
import type { Outbox } from '../../telegram/outbox.js'
import { fakeSessions, sessionMeta, silentLogger } from './fakes.js'

/** Deps for runTurn over `outbox`: one session `main` (or `metas`), no progress for 10 s. */
export function runnerDeps(
  outbox: Outbox,
  mode: 'edit' | 'draft',
  metas: SessionMetadata[] = [sessionMeta()],
) {
  return {
    outbox,
    sessions: fakeSessions(metas),
    callbacks: new CallbackStore<CallbackAction>(),
    audit: new AuditLog({ sessionDirectory: () => '/nonexistent', logger: silentLogger }),
    logger: silentLogger,
    mode,
    claudePath: '/opt/claude',
    progressDelayMs: 10_000,
    liveIntervalMs: 0,
    isClosing: () => false,
  }
}

/** A streamed piece of the answer (not inside a subagent). */
export const textDelta = (text: string): TurnEvent => ({
  type: 'text_delta',
  text,
  parentToolUseId: null,
})
