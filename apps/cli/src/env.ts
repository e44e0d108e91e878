import { isAbsolute } from 'node:path'
import { z } from 'zod'
import { CliError } from './errors.js'

/** The variables the command reads; nothing else reads `process.env` (except core's data-dir rule). */
const EnvSchema = z.object({
  SWITCHBOARD_DATA_DIR: z.string().optional(),
  XDG_DATA_HOME: z.string().optional(),
  HOME: z.string().optional(),
  SWITCHBOARD_OWNER: z.string().min(1).optional(),
  SWITCHBOARD_CLAUDE_PATH: z.string().min(1).default('claude'),
  CLAUDE_CONFIG_DIR: z.string().optional(),
  SWITCHBOARD_ALLOW_BYPASS: z
    .enum(['0', '1', 'true', 'false', ''])
    .default('')
    .transform((v) => v === '1' || v === 'true'),
  /** As the bot's: an owner's sessions are capped the same from either side. */
  SWITCHBOARD_MAX_SESSIONS: z.coerce.number().int().positive().default(100),
  SWITCHBOARD_PROJECT_ROOTS: z
    .string()
    .default('')
    .transform((value) =>
      value
        .split(',')
        .map((root) => root.trim())
        .filter((root) => root !== ''),
    )
    .refine((roots) => roots.every((root) => isAbsolute(root)), 'every root must be absolute'),
})
export type CliEnv = z.infer<typeof EnvSchema>

/** The environment, validated: a bad value is one clear error naming the variable. */
export function readEnv(env: NodeJS.ProcessEnv): CliEnv {
  // Empty strings count as unset, like in the bot's .env handling.
  const set = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''))
  const parsed = EnvSchema.safeParse(set)
  if (parsed.success) return parsed.data
  const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')
  throw new CliError('CONFIG_INVALID', `Invalid environment: ${problems}.`)
}
