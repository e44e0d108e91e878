import { z } from 'zod'

/** idle → active → suspended → active …; see lifecycle.ts for the allowed transitions. */
export const SessionStatusSchema = z.enum(['idle', 'active', 'suspended'])
export type SessionStatus = z.infer<typeof SessionStatusSchema>

/** Accumulated over every turn the session ran. */
export const SessionUsageSchema = z.object({
  turns: z.int().nonnegative(),
  inputTokens: z.int().nonnegative(),
  outputTokens: z.int().nonnegative(),
  cacheReadInputTokens: z.int().nonnegative().default(0),
  cacheCreationInputTokens: z.int().nonnegative().default(0),
  costUsd: z.number().nonnegative(),
})
export type SessionUsage = z.infer<typeof SessionUsageSchema>

export const EMPTY_USAGE: SessionUsage = Object.freeze({
  turns: 0,
  inputTokens: 0,
  outputTokens: 0,
  cacheReadInputTokens: 0,
  cacheCreationInputTokens: 0,
  costUsd: 0,
})

/** The chat thread this session lives in, for apps that give each session its own thread. */
export const SessionTopicSchema = z.strictObject({
  /** Any non-zero integer: group and channel chat ids are negative. */
  chatId: z.int().refine((n) => n !== 0, 'chatId must not be 0'),
  threadId: z.int().positive(),
})
export type SessionTopic = z.infer<typeof SessionTopicSchema>

/** 2 added `topic`. Writers always write this version; readers upgrade older files (below). */
export const METADATA_SCHEMA_VERSION = 2

/** Contents of a current `metadata.json`. Unknown keys are kept (a newer writer may add fields). */
const CurrentMetadataSchema = z.looseObject({
  schemaVersion: z.literal(METADATA_SCHEMA_VERSION),
  /** Stable id: the session's directory name; never changes, not even on rename. */
  id: z.string().min(1).max(64),
  name: z.string().min(1).max(64),
  owner: z.string().min(1).max(64),
  persona: z.string().min(1).max(64),
  status: SessionStatusSchema,
  createdAt: z.iso.datetime(),
  lastActiveAt: z.iso.datetime(),
  /** Absolute path Claude Code runs in: the session's `workspace/` or a bound project directory. */
  workingDirectory: z.string().min(1),
  /** True when `workingDirectory` is an existing project the session was bound to at creation. */
  boundToProject: z.boolean(),
  /** Claude Code's session id, for `--resume`; null until the first turn reports one. */
  claudeSessionId: z.string().min(1).nullable(),
  /** Pid of the live Claude Code process, or null when none runs. */
  pid: z.int().positive().nullable(),
  usage: SessionUsageSchema,
  /** Null when the session has no thread of its own (apps without threads, or not made yet). */
  topic: SessionTopicSchema.nullable(),
})

/**
 * Version 1 had no `topic`: it reads as version 2 with `topic: null` (a topic a v1 writer kept as
 * an unknown key is validated like any other). Done in the schema so every reader gets it; the
 * next write stores version 2.
 */
function upgradeMetadata(data: unknown): unknown {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return data
  const file = data as Record<string, unknown>
  if (file.schemaVersion !== 1) return data
  return { ...file, schemaVersion: METADATA_SCHEMA_VERSION, topic: file.topic ?? null }
}

/** Contents of `metadata.json`, of any version core can read, as the current version. */
export const SessionMetadataSchema = z.preprocess(upgradeMetadata, CurrentMetadataSchema)
export type SessionMetadata = z.infer<typeof CurrentMetadataSchema>
