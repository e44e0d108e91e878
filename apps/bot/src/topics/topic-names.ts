/**
 * Session names for topics the user made: a topic name is free text (1-128 characters, any
 * script), a session name is 1-64 characters of a-z, 0-9, ".", "_", "-" (core's names.ts). The
 * name is folded to that alphabet; the user is told when it had to change.
 */

import { normalizeSessionName, RESERVED_SESSION_NAMES } from '@switchboard/core'

const MAX_NAME = 64

/** The name a session gets when its topic's name has nothing usable in it. */
export function fallbackTopicName(threadId: number): string {
  return `topic-${threadId}`
}

/**
 * A valid session name for a topic called `topicName`: accents dropped, other characters turned
 * into "-", lower case, at most 64 characters. Reserved words get "-session" appended.
 */
export function sessionNameForTopic(topicName: string, threadId: number): string {
  const folded = topicName
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '') // the accents NFKD split off: "é" → "e"
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[^a-z0-9]+/, '')
    .slice(0, MAX_NAME)
    .replace(/[-.]+$/, '')
  if (folded === '') return fallbackTopicName(threadId)
  const name = RESERVED_SESSION_NAMES.includes(folded) ? `${folded}-session` : folded
  try {
    return normalizeSessionName(name)
  } catch {
    return fallbackTopicName(threadId)
  }
}

/** `base` made unique with "-2", "-3", … (cut so it stays within 64 characters). */
export function withSuffix(base: string, attempt: number): string {
  if (attempt <= 1) return base
  const suffix = `-${attempt}`
  return `${base.slice(0, MAX_NAME - suffix.length).replace(/[-.]+$/, '')}${suffix}`
}
