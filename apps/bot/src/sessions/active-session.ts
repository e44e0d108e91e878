import type { SessionMetadata } from '@switchboard/core'
import type { BotDeps } from '../deps.js'
import { ownerOf } from '../deps.js'
import type { ChatPlace } from '../telegram/chat-place.js'

/** Name of the session created for a user who writes before creating one. */
export const FIRST_SESSION_NAME = 'main'

/**
 * The user's active session; when they have none, a session `main` with the default persona is
 * created (or, if `main` exists but is not active, switched to) so a first message is never lost.
 */
export async function ensureActiveSession(
  deps: Pick<BotDeps, 'sessions'>,
  userId: number,
): Promise<{ meta: SessionMetadata; created: boolean }> {
  const owner = ownerOf(userId)
  const active = await deps.sessions.active(owner)
  if (active) return { meta: active, created: false }
  let created = false
  try {
    await deps.sessions.create({ owner, name: FIRST_SESSION_NAME })
    created = true
  } catch (error) {
    if ((error as { code?: string }).code !== 'SESSION_EXISTS') throw error
  }
  return { meta: await deps.sessions.switch(owner, FIRST_SESSION_NAME), created }
}

/** Which session a command (or notice) in a place is about. */
export type PlaceSession =
  /** The place is a topic bound to this session. */
  | { kind: 'topic'; meta: SessionMetadata }
  /** A topic bound to no (existing) session. */
  | { kind: 'unbound' }
  /** Outside any topic (or topics are off): the active session, as before topics. */
  | { kind: 'general'; meta: SessionMetadata | null }

/**
 * The session of `place`: a topic's own session, so commands there act on it whatever is active;
 * outside topics the active session. A topic whose session is gone is `unbound`; so is any unbound
 * topic while topics are in use (in the flat-chat fallback such a topic works like the general view).
 */
export async function sessionOfPlace(
  deps: Pick<BotDeps, 'sessions' | 'topics'>,
  owner: string,
  place: ChatPlace,
): Promise<PlaceSession> {
  if (place.threadId !== undefined) {
    // A command written in the topic proves it exists (a topic lost earlier this run is bound again).
    const id = await deps.topics.userWrote(owner, place.chatId, place.threadId)
    if (id !== undefined) {
      try {
        return { kind: 'topic', meta: await deps.sessions.getById(owner, id) }
      } catch (error) {
        if ((error as { code?: unknown }).code !== 'SESSION_NOT_FOUND') throw error
        return { kind: 'unbound' }
      }
    }
    if (deps.topics.active) return { kind: 'unbound' }
  }
  return { kind: 'general', meta: await deps.sessions.active(owner) }
}
