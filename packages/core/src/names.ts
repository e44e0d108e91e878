import { InvalidNameError, InvalidOwnerError } from './errors.js'

const OWNER_PATTERN = /^[a-z0-9_-]{1,64}$/
const NAME_INPUT_PATTERN = /^[A-Za-z0-9._-]+$/
const NAME_PATTERN = /^[a-z0-9][a-z0-9._-]{0,63}$/
const SESSION_ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,63}$/

/**
 * Session names that are refused: "." and ".." (path segments), "active" and "archive" (entries
 * of the data layout), "all", "current" and "none" (words a UI may want as keywords), and the
 * Windows device names "con", "prn", "aux", "nul" (the data dir may be synced to Windows).
 */
export const RESERVED_SESSION_NAMES: readonly string[] = Object.freeze([
  '.',
  '..',
  'active',
  'archive',
  'all',
  'current',
  'none',
  'con',
  'prn',
  'aux',
  'nul',
])

export const SESSION_NAME_RULE =
  'use 1-64 characters of a-z, 0-9, ".", "_" or "-", starting with a letter or digit (upper case is folded to lower case)'

/** Validates a session name and returns its canonical (lower-case) form. */
export function normalizeSessionName(input: string): string {
  if (typeof input !== 'string' || input.length === 0) {
    throw new InvalidNameError(String(input), `name is empty; ${SESSION_NAME_RULE}`)
  }
  // Checked before folding so exotic characters (e.g. the Kelvin sign) cannot fold into ASCII.
  if (!NAME_INPUT_PATTERN.test(input)) {
    throw new InvalidNameError(input, `unexpected character; ${SESSION_NAME_RULE}`)
  }
  const name = input.toLowerCase()
  if (RESERVED_SESSION_NAMES.includes(name)) {
    throw new InvalidNameError(
      input,
      `"${name}" is reserved (reserved: ${RESERVED_SESSION_NAMES.join(', ')}); ${SESSION_NAME_RULE}`,
    )
  }
  if (!NAME_PATTERN.test(name)) throw new InvalidNameError(input, SESSION_NAME_RULE)
  return name
}

/** Validates an owner id (e.g. a Telegram user id) and returns it. */
export function validateOwner(input: string): string {
  if (typeof input !== 'string' || !OWNER_PATTERN.test(input)) {
    throw new InvalidOwnerError(String(input))
  }
  return input
}

/** True when `id` has the shape of a session id (a directory name core may create). */
export function isSessionId(id: string): boolean {
  return SESSION_ID_PATTERN.test(id)
}

export function isOwnerId(owner: string): boolean {
  return OWNER_PATTERN.test(owner)
}
