import { z } from 'zod'
import { ContentBlockSchema } from './content-blocks.js'

// One schema per stdout line type of `claude -p --output-format stream-json --verbose`
// (verified against CLI 2.1.330, see test/fixtures). All loose: unknown fields are kept.

export const SystemInitSchema = z.looseObject({
  type: z.literal('system'),
  subtype: z.literal('init'),
  session_id: z.string(),
  model: z.string(),
  cwd: z.string(),
  tools: z.array(z.string()).default([]),
  permissionMode: z.string(),
  /** Names of the CLI's slash commands (built-in, the project's, the user's) and of its skills. */
  slash_commands: z.array(z.string()).catch([]).default([]),
  skills: z.array(z.string()).catch([]).default([]),
})

export const SystemStatusSchema = z.looseObject({
  type: z.literal('system'),
  subtype: z.literal('status'),
  status: z.string().nullable().optional(),
  /** Sent when the mode changes (e.g. leaving plan mode after ExitPlanMode is approved). */
  permissionMode: z.string().optional(),
  session_id: z.string().optional(),
})

/** The CLI retries a failed API call; fields vary by release, so all are optional. */
export const SystemApiRetrySchema = z.looseObject({
  type: z.literal('system'),
  subtype: z.literal('api_retry'),
  attempt: z.number().optional(),
  max_retries: z.number().optional(),
  retry_delay_ms: z.number().optional(),
  error_status: z.number().nullable().optional(),
  error: z.unknown().optional(),
})

const MessageSchema = z.looseObject({
  role: z.string().optional(),
  content: z.union([z.string(), z.array(ContentBlockSchema)]),
})

export const AssistantLineSchema = z.looseObject({
  type: z.literal('assistant'),
  message: MessageSchema,
  parent_tool_use_id: z.string().nullable().optional(),
  session_id: z.string().optional(),
})

/** Tool results (and notices such as "[Request interrupted by user]") sent back to the model. */
export const UserLineSchema = z.looseObject({
  type: z.literal('user'),
  message: MessageSchema,
  parent_tool_use_id: z.string().nullable().optional(),
  session_id: z.string().optional(),
})

/** Raw Messages API stream events (`--include-partial-messages`). */
export const StreamEventLineSchema = z.looseObject({
  type: z.literal('stream_event'),
  event: z.looseObject({ type: z.string() }),
  parent_tool_use_id: z.string().nullable().optional(),
})

export const TextDeltaEventSchema = z.looseObject({
  type: z.literal('content_block_delta'),
  index: z.number().optional(),
  delta: z.looseObject({ type: z.literal('text_delta'), text: z.string() }),
})

const UsageSchema = z.looseObject({
  input_tokens: z.number().optional(),
  output_tokens: z.number().optional(),
  cache_read_input_tokens: z.number().optional(),
  cache_creation_input_tokens: z.number().optional(),
})

/** End of a turn: `success` or an `error_*` subtype; API failures come as `success` + `is_error`. */
export const ResultLineSchema = z.looseObject({
  type: z.literal('result'),
  subtype: z.string(),
  is_error: z.boolean(),
  result: z.string().optional(),
  errors: z.array(z.string()).optional(),
  session_id: z.string(),
  total_cost_usd: z.number().optional(),
  usage: UsageSchema.optional(),
  num_turns: z.number().optional(),
  duration_ms: z.number().optional(),
  /** Per-model usage of this turn only (model → { costUSD, … }); checked where it is used. */
  model_usage_since_last_result: z.unknown().optional(),
  /** HTTP status of the API error that ended the turn (401, 529…), null/absent otherwise. */
  api_error_status: z.number().int().nullish(),
})

export type SystemInitLine = z.infer<typeof SystemInitSchema>
export type SystemStatusLine = z.infer<typeof SystemStatusSchema>
export type SystemApiRetryLine = z.infer<typeof SystemApiRetrySchema>
export type AssistantLine = z.infer<typeof AssistantLineSchema>
export type UserLine = z.infer<typeof UserLineSchema>
export type StreamEventLine = z.infer<typeof StreamEventLineSchema>
export type ResultLine = z.infer<typeof ResultLineSchema>
