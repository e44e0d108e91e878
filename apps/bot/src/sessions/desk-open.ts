/**
 * Commands that act on a session's Claude Code conversation directly (/compact, /clear) rather than
 * as a queued message: while the session is open at the desk (`switchboard open` holds its lease),
 * they are refused with what to do, so the phone never drives the conversation the terminal is on.
 */

import {
  type DeskLease,
  DeskLeases,
  type SessionManager,
  type SessionMetadata,
} from '@switchboard/core'
import { escapeHtml } from '../render/html-escape.js'

/** The refusal for `command` while `meta` is open at the desk, else undefined. */
export async function openAtDeskText(
  sessions: Pick<SessionManager, 'dataDir'>,
  meta: Pick<SessionMetadata, 'owner' | 'id' | 'name'>,
  command: string,
): Promise<string | undefined> {
  const lease = await new DeskLeases({ dataDir: sessions.dataDir })
    .read(meta.owner, meta.id)
    .catch(() => null) // a lease that can't be read counts as none, as for messages
  return lease ? deskRefusalText(meta, lease, command) : undefined
}

/** "<name> is open at the desk since 14:58 UTC: run /compact there, or close it and send it again." */
export function deskRefusalText(
  meta: Pick<SessionMetadata, 'name'>,
  lease: Pick<DeskLease, 'startedAt'>,
  command: string,
): string {
  const since = `${lease.startedAt.slice(11, 16)} UTC`
  return `<b>${escapeHtml(meta.name)}</b> is open at the desk since ${since}: run ${command} there, or close it and send ${command} again.`
}
