import { z } from 'zod'
import { InvalidUpdateError } from './errors.js'
import { formatIssues } from './json-file.js'
import { transition } from './lifecycle.js'
import {
  type SessionMetadata,
  SessionStatusSchema,
  SessionTopicSchema,
} from './session-metadata.js'

/** Usage of one or more turns, added to the session's running totals. */
export const UsageDeltaSchema = z.strictObject({
  turns: z.int().nonnegative().optional(),
  inputTokens: z.int().nonnegative().optional(),
  outputTokens: z.int().nonnegative().optional(),
  cacheReadInputTokens: z.int().nonnegative().optional(),
  cacheCreationInputTokens: z.int().nonnegative().optional(),
  costUsd: z.number().nonnegative().optional(),
})
export type UsageDelta = z.infer<typeof UsageDeltaSchema>

/** What the process layer writes into a session's metadata after spawning it or after a turn. */
export const SessionUpdateSchema = z.strictObject({
  claudeSessionId: z.string().min(1).nullable().optional(),
  pid: z.int().positive().nullable().optional(),
  /** Goes through the lifecycle check (lifecycle.ts). */
  status: SessionStatusSchema.optional(),
  addUsage: UsageDeltaSchema.optional(),
  /** Set lastActiveAt to now. */
  touch: z.boolean().optional(),
  /** The chat thread the session lives in; null clears it. */
  topic: SessionTopicSchema.nullable().optional(),
})
export type SessionUpdate = z.infer<typeof SessionUpdateSchema>

/** Validates an update patch (callers may pass data from outside TypeScript). */
export function parseSessionUpdate(patch: unknown): SessionUpdate {
  const parsed = SessionUpdateSchema.safeParse(patch)
  if (!parsed.success) throw new InvalidUpdateError(formatIssues(parsed.error.issues))
  return parsed.data
}

/** Returns the metadata with the patch applied; pure, so it is easy to test. */
export function applySessionUpdate(
  meta: SessionMetadata,
  patch: SessionUpdate,
  now: Date,
): SessionMetadata {
  const next: SessionMetadata = { ...meta, usage: { ...meta.usage } }
  if (patch.claudeSessionId !== undefined) next.claudeSessionId = patch.claudeSessionId
  if (patch.pid !== undefined) next.pid = patch.pid
  if (patch.status !== undefined) next.status = transition(meta.name, meta.status, patch.status)
  if (patch.addUsage) {
    for (const [key, delta] of Object.entries(patch.addUsage) as [keyof UsageDelta, number][]) {
      next.usage[key] += delta
    }
  }
  if (patch.topic !== undefined) next.topic = patch.topic === null ? null : { ...patch.topic }
  if (patch.touch) next.lastActiveAt = now.toISOString()
  return next
}
