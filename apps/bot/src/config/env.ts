import { isAbsolute } from 'node:path'
import { z } from 'zod'
import { type ConfigProblem, problemLine, problemsFromZod } from './config-problems.js'
import { commaList, count, duration, orEmpty } from './env-fields.js'
import { LogEnvSchema } from './log-env.js'
import { ProxyEnvSchema } from './proxy-env.js'
import { type TokenEnv, TokenEnvSchema } from './token-env.js'
import { transcribeEnv } from './transcribe-env.js'

// The one place the bot reads process.env. Every variable is validated here, at start-up, and every
// problem is reported at once. A group of variables with its own schema file is one import and one
// `...Schema.shape` line in EnvSchema (keys must not overlap).

export { BotTokenSchema } from './token-env.js'

const EnvSchema = z.object({
  ...TokenEnvSchema.shape,
  ...LogEnvSchema.shape,
  ...ProxyEnvSchema.shape,
  ...transcribeEnv,
  SWITCHBOARD_ALLOW_BYPASS: z
    .enum(['0', '1'], {
      error: 'expected 1 (personas and /mode may use bypassPermissions) or 0 (default)',
    })
    .default('0')
    .transform((value) => value === '1'),
  SWITCHBOARD_ALLOWED_USERS: z
    .string({
      error:
        'is required: the numeric Telegram user ids allowed to use the bot, comma-separated (e.g. 12345,67890); @userinfobot tells you yours',
    })
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
    .url({
      protocol: /^https?$/,
      error: `expected an http(s) URL of a Bot API server${orEmpty("Telegram's, https://api.telegram.org")}`,
    })
    .optional(),
  SWITCHBOARD_DATA_DIR: z
    .string()
    .refine(
      isAbsolute,
      `expected an absolute directory path${orEmpty('~/.local/share/switchboard ($XDG_DATA_HOME/switchboard)')}`,
    )
    .optional(),
  SWITCHBOARD_CLAUDE_PATH: z.string().min(1).default('claude'),
  SWITCHBOARD_MAX_LIVE: count('live Claude Code processes', 1, 64, 4),
  SWITCHBOARD_MAX_QUEUE: count('messages waiting per session', 1, 1_000, 20),
  SWITCHBOARD_MAX_SESSIONS: count('sessions per user', 1, 100_000, 100),
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
          message: `expected comma-separated absolute directories, got ${JSON.stringify(relative)}${orEmpty('any directory the bot can read')}`,
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
          message: `expected comma-separated paths starting with / or ~/, got ${JSON.stringify(bad)}${orEmpty('the default list')}`,
        })
        return z.NEVER
      }
      return paths
    }),
})

/** Every variable the bot reads (to spot a misspelt one: config/unknown-settings.ts). */
export const KNOWN_VARIABLES: readonly string[] = Object.keys(EnvSchema.shape)

/** What the environment says; the token may still be in a file (startup/credentials.ts loads it). */
export type EnvConfig = z.output<typeof EnvSchema>

/** The bot's configuration, its token loaded from whichever source was configured. */
export type BotConfig = Omit<EnvConfig, 'TELEGRAM_BOT_TOKEN'> & { TELEGRAM_BOT_TOKEN: string }

export type ConfigResult =
  | { ok: true; config: EnvConfig }
  | { ok: false; problems: ConfigProblem[]; message: string }

/** Validates the environment; on failure, every bad or missing variable (`message`: one per line). */
export function parseConfig(env: Record<string, string | undefined>): ConfigResult {
  const parsed = EnvSchema.safeParse(present(env))
  if (parsed.success) return { ok: true, config: parsed.data }
  const problems = problemsFromZod(parsed.error)
  return {
    ok: false,
    problems,
    message: problems.map(problemLine).join('\n'),
  }
}

/** The token's sources alone, when they are valid (to check the token while listing other problems). */
export function parseTokenEnv(env: Record<string, string | undefined>): TokenEnv | undefined {
  const parsed = TokenEnvSchema.safeParse(present(env))
  return parsed.success ? parsed.data : undefined
}

/** Empty strings (e.g. `FOO=` in .env) mean "not set". */
const present = (env: Record<string, string | undefined>) =>
  Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''))
