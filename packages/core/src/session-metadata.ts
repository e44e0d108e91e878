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

export const METADATA_SCHEMA_VERSION = 1

/** Contents of `metadata.json`. Unknown keys are kept (a newer writer may add fields). */
export const SessionMetadataSchema = z.looseObject({
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
})
export type SessionMetadata = z.infer<typeof SessionMetadataSchema>
