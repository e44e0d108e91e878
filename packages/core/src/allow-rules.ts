import { z } from 'zod'
import { InvalidUpdateError, SessionCorruptError } from './errors.js'
import { formatIssues, readJsonFile, writeJsonAtomic } from './json-file.js'

/**
 * A session's remembered "allow always" permission rules, in `<session>/permission-rules.json` (next to
 * metadata.json, outside the working directory). To core they are opaque strings: the process layer
 * decides what a rule means and which rules may be stored.
 */
export const ALLOW_RULES_FILE = 'permission-rules.json'

/** At most this many rules per session; adding one more drops the oldest. */
export const MAX_ALLOW_RULES = 256

/** One rule: non-empty, bounded, no control characters (it ends up in argv and in chat replies). */
export const AllowRuleSchema = z
  .string()
  .min(1)
  .max(4096)
  .regex(/^[^\p{Cc}\u2028\u2029]*$/u, 'must not contain control characters')

export const AllowRulesFileSchema = z.strictObject({
  schemaVersion: z.literal(1),
  rules: z.array(AllowRuleSchema).max(MAX_ALLOW_RULES),
})
export type AllowRulesFile = z.infer<typeof AllowRulesFileSchema>

/** The stored rules, oldest first; a missing file is no rules, an unusable one SessionCorruptError. */
export async function readAllowRulesFile(path: string): Promise<string[]> {
  const read = await readJsonFile(path, AllowRulesFileSchema)
  if (read.ok) return read.value.rules
  if (read.missing) return []
  throw new SessionCorruptError(path, read.reason)
}

/** Rewrites the file (atomically) with `change` applied; the caller holds the session lock. */
export async function changeAllowRulesFile(
  path: string,
  change: (rules: string[]) => string[],
): Promise<string[]> {
  const rules = change(await readAllowRulesFile(path)).slice(-MAX_ALLOW_RULES)
  const file: AllowRulesFile = { schemaVersion: 1, rules }
  await writeJsonAtomic(path, AllowRulesFileSchema.parse(file))
  return rules
}

/** Validates a rule passed in (it may come from outside TypeScript). */
export function parseAllowRule(rule: unknown): string {
  const parsed = AllowRuleSchema.safeParse(rule)
  if (!parsed.success) throw new InvalidUpdateError(`rule: ${formatIssues(parsed.error.issues)}`)
  return parsed.data
}
