import { z } from 'zod'
import { type SessionTopic, SessionTopicSchema, SessionUsageSchema } from './session-metadata.js'

/** What could be read back from a damaged metadata.json (a truncated file keeps its first fields). */
export interface SalvagedFields {
  name?: string
  persona?: string
  createdAt?: string
  lastActiveAt?: string
  workingDirectory?: string
  boundToProject?: boolean
  claudeSessionId?: string
  usage?: z.infer<typeof SessionUsageSchema>
  /** Only a valid topic: a damaged one is dropped (the session then has none). */
  topic?: SessionTopic
}

// One `"key": value` pair whose value is a string, number, boolean or null (no nesting).
const PAIR =
  /"([A-Za-z]+)"\s*:\s*("(?:[^"\\]|\\.)*"|true|false|null|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/g

const STRINGS = ['name', 'persona', 'workingDirectory', 'claudeSessionId'] as const
const DATES = ['createdAt', 'lastActiveAt'] as const
const USAGE_KEYS = Object.keys(SessionUsageSchema.shape)

/**
 * Reads every well-formed `"key": value` pair out of damaged JSON text, keeps the ones metadata.json
 * has, and validates each on its own; usage only when all of its counters survived.
 */
export function salvageMetadata(text: string): SalvagedFields {
  const found = new Map<string, unknown>()
  for (const match of text.matchAll(PAIR)) {
    const [, key = '', raw = ''] = match
    if (found.has(key)) continue // the first occurrence is the top-level one
    try {
      found.set(key, JSON.parse(raw))
    } catch {
      // an escape sequence cut in half: skip the pair
    }
  }
  const out: SalvagedFields = {}
  for (const key of STRINGS) {
    const value = found.get(key)
    if (typeof value === 'string' && value.length > 0 && value.length <= 4_096) out[key] = value
  }
  for (const key of DATES) {
    const value = z.iso.datetime().safeParse(found.get(key))
    if (value.success) out[key] = value.data
  }
  const bound = found.get('boundToProject')
  if (typeof bound === 'boolean') out.boundToProject = bound
  const usage = SessionUsageSchema.safeParse(
    Object.fromEntries(USAGE_KEYS.map((k) => [k, found.get(k)])),
  )
  if (usage.success) out.usage = usage.data
  // Its fields are flat pairs too; the names are metadata.json's only chatId/threadId.
  const topic = SessionTopicSchema.safeParse({
    chatId: found.get('chatId'),
    threadId: found.get('threadId'),
  })
  if (topic.success) out.topic = topic.data
  return out
}
