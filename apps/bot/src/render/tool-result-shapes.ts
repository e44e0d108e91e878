/**
 * The parts of Claude Code's structured tool reports (`tool_use_result` of stream-json user lines) a
 * log line reads, as CLI 2.1.330 writes them (recorded with the real CLI): loose, so new fields never
 * break a summary; a report that doesn't fit is ignored and the line falls back to the result text.
 */

import { z } from 'zod'

/** Bash that exited 0 (a non-zero exit is reported as the error string "Error: Exit code N\n…"). */
export const BashReport = z.looseObject({
  stdout: z.string(),
  stderr: z.string().default(''),
  interrupted: z.boolean().optional(),
  backgroundTaskId: z.string().optional(),
})

/** Edit, MultiEdit and Write of an existing file: unified-diff hunks ("+line", "-line", " line"). */
export const PatchReport = z.looseObject({
  structuredPatch: z.array(z.looseObject({ lines: z.array(z.string()) })),
})

/** Write that created a file. */
export const CreateReport = z.looseObject({ type: z.literal('create'), content: z.string() })

/** AskUserQuestion answered: question → the chosen label(s). */
export const AnswersReport = z.looseObject({ answers: z.record(z.string(), z.string()) })

/** ToolSearch: the tools it loaded (none when the name matched nothing). */
export const ToolSearchReport = z.looseObject({ matches: z.array(z.unknown()) })

/** Parses `value` with `schema`, or undefined. */
export function readReport<T>(schema: z.ZodType<T>, value: unknown): T | undefined {
  const parsed = schema.safeParse(value)
  return parsed.success ? parsed.data : undefined
}
