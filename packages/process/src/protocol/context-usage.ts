import { z } from 'zod'

// The answer to the `get_context_usage` control request (CLI 2.1.330; `detail: 'summary'` answers from
// the last response's usage and local estimates, without token-count API calls).

export const ContextCategorySchema = z.looseObject({
  name: z.string(),
  tokens: z.number(),
  /** `used`, `free`, `buffer`, `deferred`… */
  kind: z.string().optional(),
})

export const ContextUsageSchema = z.looseObject({
  totalTokens: z.number(),
  maxTokens: z.number(),
  /** 0–100, rounded by the CLI. */
  percentage: z.number(),
  categories: z.array(ContextCategorySchema).catch([]),
})
export type ContextUsage = z.infer<typeof ContextUsageSchema>

/** `system` / `compact_boundary`: the CLI compacted the conversation (`/compact` or automatically). */
export const CompactBoundarySchema = z.looseObject({
  type: z.literal('system'),
  subtype: z.literal('compact_boundary'),
  compact_metadata: z.looseObject({
    trigger: z.string().optional(),
    pre_tokens: z.number(),
    post_tokens: z.number().optional(),
  }),
})
export type CompactBoundaryLine = z.infer<typeof CompactBoundarySchema>
