/**
 * The fields we read from Claude Code tool inputs, validated with zod: inputs arrive as untyped JSON
 * from the CLI, and a summary must never throw on a shape we didn't expect.
 */

import { z } from 'zod'

export const CommandInput = z.object({ command: z.string(), description: z.string().optional() })
export const FilePathInput = z.object({ file_path: z.string() })
export const EditInput = z.object({
  file_path: z.string(),
  old_string: z.string(),
  new_string: z.string(),
  replace_all: z.boolean().optional(),
})
export const MultiEditInput = z.object({
  file_path: z.string(),
  // Strict: a field we don't show (found in review: a per-edit replace_all) must fail the layout, so
  // the prompt falls back to the whole input as JSON instead of dropping it.
  edits: z.array(
    z.strictObject({
      old_string: z.string(),
      new_string: z.string(),
      replace_all: z.boolean().optional(),
    }),
  ),
})
export const WriteInput = z.object({ file_path: z.string(), content: z.string() })
export const NotebookInput = z.object({ notebook_path: z.string() })
export const SearchInput = z.object({
  pattern: z.string(),
  path: z.string().optional(),
  glob: z.string().optional(),
})
export const UrlInput = z.object({ url: z.string() })
export const HostInput = z.object({ host: z.string() })
export const QueryInput = z.object({ query: z.string() })
export const TaskInput = z.object({ description: z.string() })
export const TodoInput = z.object({ todos: z.array(z.unknown()) })
export const TodoItem = z.object({
  content: z.string(),
  status: z.string(),
  activeForm: z.string().optional(),
})
/** Just what a one-line summary needs (the prompt validates the whole question). */
export const QuestionsInput = z.object({ questions: z.array(z.object({ question: z.string() })) })
export const PathInput = z.object({ path: z.string() })
export const PlanInput = z.object({
  plan: z.string().optional(),
  planFilePath: z.string().optional(),
})

/** Parses `input` with `schema`, or returns undefined when it doesn't fit. */
export function readInput<T>(schema: z.ZodType<T>, input: unknown): T | undefined {
  const result = schema.safeParse(input)
  return result.success ? result.data : undefined
}
