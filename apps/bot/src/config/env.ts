import { isAbsolute } from 'node:path'
import { z } from 'zod'
import { parseDuration } from './duration.js'
import { transcribeEnv } from './transcribe-env.js'

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

/** A whole number between `min` and `max`, e.g. a limit. */
const count = (what: string, min: number, max: number) => {
  const expected = `expected a whole number of ${what}, ${min}-${max}`
  return z.coerce.number({ error: expected }).int(expected).min(min, expected).max(max, expected)
}

const commaList = (value: string) =>
  value
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.length > 0)

/** A bot token as @BotFather prints it; also checks a token read from a file (startup/credentials.ts). */
export const BotTokenSchema = z
  .string()
  .regex(/^\d+:[\w-]{20,}$/, 'expected a bot token like 123456789:AAE…, as @BotFather prints it')

const absolutePath = (what: string) =>
  z.string().refine(isAbsolute, `expected the absolute path of ${what}`)

const EnvSchema = z.object({
  // One of the three token sources; startup/credentials.ts picks it, reads files and requires one.
  TELEGRAM_BOT_TOKEN: BotTokenSchema.optional(),
  TELEGRAM_BOT_TOKEN_FILE: absolutePath('a file holding the bot token').optional(),
  /** Set by systemd for LoadCredential= (telegram-bot-token, anthropic-api-key). */
  CREDENTIALS_DIRECTORY: absolutePath('the systemd credentials directory').optional(),
  SWITCHBOARD_ALLOW_BYPASS: z
    .enum(['0', '1'], {
      error: 'expected 1 (personas and /mode may use bypassPermissions) or 0 (default)',
    })
    .default('0')
    .transform((value) => value === '1'),
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
  SWITCHBOARD_MAX_QUEUE: count('messages waiting per session', 1, 1_000).default(20),
  SWITCHBOARD_MAX_SESSIONS: count('sessions per user', 1, 100_000).default(100),
  SWITCHBOARD_IDLE_TIMEOUT: duration('30m', 10_000, 7 * 24 * 3_600_000),
  SWITCHBOARD_PERMISSION_TIMEOUT: duration('10m', 5_000, 24 * 3_600_000),
  // A running turn silent this long gets a "No output" notice with Stop (see @switchboard/process).
  SWITCHBOARD_STALL_TIMEOUT: duration('5m', 1_000, 24 * 3_600_000),
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
      error:
        'expected "draft" (sendMessageDraft, the default) or "edit" (one message edited in place)',
    })
    // Drafts are Telegram's native streaming (with its Stop button); a chat or server that refuses
    // them falls back to editing for that turn, so the default is safe everywhere.
    .default('draft'),
  SWITCHBOARD_SANDBOX: z
    .enum(['auto', 'required', 'off'], {
      error:
        'expected "auto" (sandbox where it works), "required" (refuse to start without it) or "off"',
    })
    .default('auto'),
  SWITCHBOARD_PRIVATE_PATHS: z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined) return undefined // the process package's defaults
      const paths = commaList(value)
      const bad = paths.find((path) => !isAbsolute(path) && !path.startsWith('~/'))
      if (bad !== undefined) {
        ctx.addIssue({
          code: 'custom',
          message: `expected comma-separated paths starting with / or ~/, got ${JSON.stringify(bad)}`,
        })
        return z.NEVER
      }
      return paths
    }),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
      error: 'expected one of fatal, error, warn, info, debug, trace, silent',
    })
    .default('info'),
  ...transcribeEnv,
})

/** What the environment says; the token may still be in a file (startup/credentials.ts loads it). */
export type EnvConfig = z.output<typeof EnvSchema>

/** The bot's configuration, its token loaded from whichever source was configured. */
export type BotConfig = Omit<EnvConfig, 'TELEGRAM_BOT_TOKEN'> & { TELEGRAM_BOT_TOKEN: string }

export type ConfigResult = { ok: true; config: EnvConfig } | { ok: false; message: string }

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
