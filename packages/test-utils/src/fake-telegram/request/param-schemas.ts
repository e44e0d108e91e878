import { z } from 'zod'
import { badRequest } from '../errors.js'

// Form and multipart bodies carry every value as a string; JSON bodies may too.
const toNumber = (v: unknown) => (typeof v === 'string' && /^-?\d+$/.test(v.trim()) ? Number(v) : v)
const toBoolean = (v: unknown) =>
  v === 'true' || v === '1' ? true : v === 'false' || v === '0' ? false : v
const toJson = (v: unknown) => {
  if (typeof v !== 'string') return v
  try {
    return JSON.parse(v)
  } catch {
    return v
  }
}

/** An integer given as a number or a numeric string. */
export const int = z.preprocess(toNumber, z.number().int())
/** A boolean given as true/false, "true"/"false" or "1"/"0". */
export const bool = z.preprocess(toBoolean, z.boolean())
/** A string; numbers are accepted and stringified like Telegram does. */
export const str = z.preprocess((v) => (typeof v === 'number' ? String(v) : v), z.string())
/** A JSON-serialized field: an object in a JSON body, a JSON string in a form. */
export const json = <T extends z.ZodType>(schema: T) => z.preprocess(toJson, schema)

export const EntitySchema = z.object({
  type: z.string(),
  offset: z.number().int().nonnegative(),
  length: z.number().int().nonnegative(),
  url: z.string().optional(),
  language: z.string().optional(),
  custom_emoji_id: z.string().optional(),
})

export const entities = json(z.array(EntitySchema))

// Telegram's wording for some fields; others get "<field> is empty" / "wrong <field> specified".
const MISSING: Record<string, string> = {
  chat_id: 'chat_id is empty',
  text: 'message text is empty',
  message_id: 'message identifier is not specified',
  callback_query_id: 'query is too old and response timeout expired or query ID is invalid',
  file_id: 'file_id is empty',
  action: 'action is empty',
  draft_id: 'draft_id is empty',
}
const INVALID: Record<string, string> = {
  reply_markup: "can't parse reply keyboard markup JSON object",
  entities: "can't parse entities JSON object",
  caption_entities: "can't parse caption entities JSON object",
  commands: "can't parse BotCommand JSON object",
  allowed_updates: "can't parse allowed updates JSON object",
  chat_id: 'chat not found',
}

/** Validates a method's parameters, turning the first zod issue into Telegram's 400. */
export function parseParams<T extends z.ZodType>(
  schema: T,
  params: Record<string, unknown>,
): z.infer<T> {
  const result = schema.safeParse(params)
  if (result.success) return result.data
  const issue = result.error.issues[0]
  const field = String(issue?.path[0] ?? 'parameters')
  const missing = params[field] === undefined || params[field] === ''
  throw badRequest(
    missing
      ? (MISSING[field] ?? `${field} is empty`)
      : (INVALID[field] ?? `wrong ${field} specified`),
  )
}
