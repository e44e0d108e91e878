import type { FakeUser } from './fakes.js'

/**
 * Distinct allowed users, one per test: each has its own chat (its own ~1 msg/s budget, so tests
 * do not queue behind each other) and its own sessions.
 */
export const USERS: readonly FakeUser[] = Array.from({ length: 8 }, (_, i) => ({
  id: 2001 + i,
  first_name: `User${i + 1}`,
}))

export const ALLOWED_IDS = USERS.map((u) => u.id)

export function user(index: number): FakeUser {
  const found = USERS[index]
  if (!found) throw new Error(`no test user ${index}`)
  return found
}
