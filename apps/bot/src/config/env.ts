import { isAbsolute } from 'node:path'
import { z } from 'zod'
import { parseDuration } from './duration.js'

// The one place the bot reads process.env. Every variable is validated here, at start-up.

const duration = (fallback: string, min: number, max: number) =>
  z
    .string()
    .default(fallback)
    .transform((value, ctx) => {
      const ms = parseDuration(value)
      if (ms === undefined || ms < min || ms > max) {
        ctx.addIssue({
          code: 'custom',
          message: `expected a duration such as "90s", "15m" or "2h" between ${min / 1000}s and ${max / 3_600_000}h, got ${JSON.stringify(value)}`,
        })
        return z.NEVER
      }
      return ms
    })

const commaList = (value: string) =>
  value
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.length > 0)

const EnvSchema = z.object({
  TELEGRAM_BOT_TOKEN: z
    .string({ error: 'is required: the token @BotFather gave you, like 123456:ABC-DEF…' })
    .regex(/^\d+:[\w-]{20,}$/, 'expected a bot token like 123456789:AAE…, as @BotFather prints it'),
  SWITCHBOARD_ALLOWED_USERS: z
    .string({ error: 'is required: comma-separated numeric Telegram user ids, e.g. 12345,67890' })
    .transform((value, ctx) => {
      const ids = commaList(value)
      const bad = ids.filter((id) => !/^\d{1,15}$/.test(id))
      if (ids.length === 0 || bad.length > 0) {
        ctx.addIssue({
          code: 'custom',
          message: `expected comma-separated numeric Telegram user ids (e.g. 12345,67890)${bad.length ? `, got ${JSON.stringify(bad[0])}` : ''}`,
        })
        return z.NEVER
      }
      return new Set(ids.map(Number))
    }),
  TELEGRAM_API_ROOT: z
    .url({ protocol: /^https?$/, error: 'expected an http(s) URL of a Bot API server' })
    .optional(),
  SWITCHBOARD_DATA_DIR: z
    .string()
    .refine(isAbsolute, 'expected an absolute directory path')
    .optional(),
  SWITCHBOARD_CLAUDE_PATH: z.string().min(1).default('claude'),
  SWITCHBOARD_MAX_LIVE: z.coerce
    .number({ error: 'expected a whole number of live Claude Code processes, 1-64' })
    .int('expected a whole number of live Claude Code processes, 1-64')
    .min(1, 'expected at least 1')
    .max(64, 'expected at most 64')
    .default(4),
  SWITCHBOARD_IDLE_TIMEOUT: duration('30m', 10_000, 7 * 24 * 3_600_000),
  SWITCHBOARD_PERMISSION_TIMEOUT: duration('10m', 5_000, 24 * 3_600_000),
  SWITCHBOARD_PROJECT_ROOTS: z
    .string()
    .default('')
    .transform((value, ctx) => {
      const roots = commaList(value)
      const relative = roots.find((root) => !isAbsolute(root))
      if (relative !== undefined) {
        ctx.addIssue({
          code: 'custom',
          message: `expected comma-separated absolute directories, got ${JSON.stringify(relative)}`,
        })
        return z.NEVER
      }
      return roots
    }),
  SWITCHBOARD_STREAM_MODE: z
    .enum(['edit', 'draft'], {
      error: 'expected "edit" (one message edited in place) or "draft" (sendMessageDraft)',
    })
    .default('edit'),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
      error: 'expected one of fatal, error, warn, info, debug, trace, silent',
    })
    .default('info'),
})

export type BotConfig = z.output<typeof EnvSchema>

export type ConfigResult = { ok: true; config: BotConfig } | { ok: false; message: string }

/** Validates the environment; on failure, one line naming the variable and what is expected. */
export function parseConfig(env: Record<string, string | undefined>): ConfigResult {
  // Empty strings (e.g. `FOO=` in .env) mean "not set".
  const present = Object.fromEntries(
    Object.entries(env).filter(([, v]) => v !== undefined && v !== ''),
  )
  const parsed = EnvSchema.safeParse(present)
  if (parsed.success) return { ok: true, config: parsed.data }
  const issue = parsed.error.issues[0]
  const variable = issue?.path.join('.') ?? 'environment'
  return { ok: false, message: `${variable}: ${issue?.message ?? 'invalid'}` }
}
