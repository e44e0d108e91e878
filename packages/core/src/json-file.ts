import { readFileSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import type { z } from 'zod'
import { writePrivateFile } from './private-mode.js'

/** Outcome of reading a JSON file through a schema: never throws for missing or bad content. */
export type JsonReadResult<T> =
  | { ok: true; value: T }
  | { ok: false; missing: true; reason: string }
  /** `readError`: the file exists but could not be read (EACCES, EIO…), its content is unknown. */
  | { ok: false; missing: false; reason: string; readError?: unknown }

/** Writes JSON atomically (writePrivateFile): never a torn file; mode 0600; StorageError codes. */
export async function writeJsonAtomic(path: string, value: unknown): Promise<void> {
  await writePrivateFile(path, `${JSON.stringify(value, null, 2)}\n`)
}

/** Reads and validates a JSON file; missing, unparsable and invalid files come back as reasons. */
export async function readJsonFile<S extends z.ZodType>(
  path: string,
  schema: S,
): Promise<JsonReadResult<z.output<S>>> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    return readFailure(error)
  }
  return parseJson(text, schema)
}

/**
 * Synchronous twin of readJsonFile, for reading many small files in batches: for files this small
 * the thread-pool round trips of the async API cost several times the read itself.
 */
export function readJsonFileSync<S extends z.ZodType>(
  path: string,
  schema: S,
): JsonReadResult<z.output<S>> {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (error) {
    return readFailure(error)
  }
  return parseJson(text, schema)
}

function readFailure(error: unknown): JsonReadResult<never> {
  const code = (error as NodeJS.ErrnoException).code
  if (code === 'ENOENT' || code === 'ENOTDIR') {
    return { ok: false, missing: true, reason: 'file is missing' }
  }
  const reason = `cannot read: ${(error as Error).message}`
  return { ok: false, missing: false, reason, readError: error }
}

function parseJson<S extends z.ZodType>(text: string, schema: S): JsonReadResult<z.output<S>> {
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch (error) {
    return { ok: false, missing: false, reason: `not valid JSON: ${(error as Error).message}` }
  }
  const parsed = schema.safeParse(data)
  if (!parsed.success) {
    return { ok: false, missing: false, reason: formatIssues(parsed.error.issues) }
  }
  return { ok: true, value: parsed.data }
}

/** "field: message; other.field: message" — one line, for error messages and `broken` reasons. */
export function formatIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .map((issue) => {
      const field = issue.path.map(String).join('.')
      return field ? `${field}: ${issue.message}` : issue.message
    })
    .join('; ')
}
