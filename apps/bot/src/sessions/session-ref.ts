import type { SessionMetadata } from '@switchboard/core'
import type { SessionRef } from '@switchboard/process'

/** The pool's handle on a session: owner + immutable id (names can change). */
export function refOf(meta: Pick<SessionMetadata, 'owner' | 'id'>): SessionRef {
  return { owner: meta.owner, id: meta.id }
}
