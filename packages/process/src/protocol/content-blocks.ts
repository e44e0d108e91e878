import { z } from 'zod'

// Content blocks of `assistant` and `user` lines. Loose objects: new fields must never break parsing.

export const TextBlockSchema = z.looseObject({ type: z.literal('text'), text: z.string() })

export const ThinkingBlockSchema = z.looseObject({
  type: z.literal('thinking'),
  thinking: z.string(),
})

export const ToolUseBlockSchema = z.looseObject({
  type: z.literal('tool_use'),
  id: z.string(),
  name: z.string(),
  input: z.record(z.string(), z.unknown()).default({}),
})

export const ToolResultBlockSchema = z.looseObject({
  type: z.literal('tool_result'),
  tool_use_id: z.string(),
  /** A string, or an array of blocks (text, image, …). */
  content: z.unknown().optional(),
  is_error: z.boolean().optional(),
})

/** Any block: the known ones are picked out by `type` later, others are kept as they are. */
export const ContentBlockSchema = z.looseObject({ type: z.string() })
export type ContentBlock = z.infer<typeof ContentBlockSchema>

/** Text of a tool result's `content`: a string, or the text blocks of an array joined by newlines. */
export function toolResultText(content: unknown): string {
  if (typeof content === 'string') return content
  if (!Array.isArray(content)) return ''
  return content
    .map((part: unknown) => {
      const parsed = TextBlockSchema.safeParse(part)
      return parsed.success ? parsed.data.text : ''
    })
    .filter((text) => text !== '')
    .join('\n')
}
